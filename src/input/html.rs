//! The article text of a web page: paragraphs and headings, without the
//! page's chrome.
//!
//! The page is parsed by `html5ever` (through `scraper`), the HTML5 parser of
//! the Servo project, so entities are decoded and broken markup is repaired
//! as a browser would. Then:
//!
//! 1. Boilerplate is dropped: `script`, `style`, `nav`, `header` (except
//!    inside `<article>`/`<main>`, where it holds the headline), `footer`,
//!    `aside`, `form`, comments, hidden elements (`hidden`,
//!    `aria-hidden="true"`, `display:none`), landmark roles other than the
//!    main one, elements whose class or id says cookie banner, related box,
//!    share bar, newsletter, ..., and lists that are mostly links (menus).
//! 2. The article is found: the `<article>` with the most paragraph text,
//!    else `<main>`, when it holds at least half the page's paragraph text;
//!    else the element whose `<p>` children hold the most text
//!    (readability's idea). A headline `<h1>` above it is kept.
//! 3. Its blocks (`p`, `h1`–`h6`, `li`, `blockquote`, table cells, ...) are
//!    the paragraphs; inline elements (`a`, `strong`, `em`, ...) stay in the
//!    flow, and `<br>` is a space, not a paragraph break.
//!
//! Cost: each pass is linear in the page's size, and the tree is walked
//! without recursion. The parser's scope checks cost the depth of the open
//! elements for each tag, quadratic for a page of nested `<div>`s (40,000
//! deep take 7 s); pages nested deeper than [`MAX_DEPTH`] are refused by a
//! linear scan before they are parsed (browsers cap the depth too).

use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

use crate::input::text::squeeze_whitespace;

/// What a page holds for jisr.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The article's paragraphs and headings, in order, whitespace squeezed.
    pub paragraphs: Vec<String>,
    /// The page's language (`lang` of `<html>`, primary subtag, lower case),
    /// unless its `dir` contradicts it.
    pub language: Option<String>,
}

/// Elements whose content is never article text.
const DROPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe",
    "object", "embed", "svg", "canvas", "button", "select", "textarea", "input", "dialog", "menu",
    "head", "title",
];

/// Elements that end a paragraph before and after them.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// ARIA roles of page chrome.
const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];

/// Words of a class or id that mark boilerplate wherever they stand.
const BOILERPLATE_WORDS: &[&str] = &[
    "advert",
    "breadcrumb",
    "comment",
    "consent",
    "cookie",
    "disqus",
    "gdpr",
    "modal",
    "newsletter",
    "outbrain",
    "popup",
    "promo",
    "related",
    "share",
    "sharing",
    "social",
    "sponsor",
    "subscribe",
    "taboola",
];

/// Words that mark page chrome unless the same class or id also says
/// article content (`article-header` is the article's).
const CHROME_WORDS: &[&str] = &[
    "banner",
    "footer",
    "masthead",
    "menu",
    "navbar",
    "pager",
    "pagination",
    "sidebar",
    "skip",
];

/// Words of a class or id that say article content.
const CONTENT_WORDS: &[&str] = &[
    "article", "body", "content", "main", "story", "entry", "post",
];

/// Is `el` (inside an `<article>` or `<main>` when `in_article`) page chrome
/// or hidden, to be left out with everything in it?
fn is_dropped(el: &Element, in_article: bool) -> bool {
    let name = el.name();
    if DROPPED_ELEMENTS.contains(&name) || (name == "header" && !in_article) {
        return true;
    }
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = el.attr("role") {
        if DROPPED_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    let names = format!(
        "{} {}",
        el.attr("class").unwrap_or(""),
        el.id().unwrap_or("")
    )
    .to_ascii_lowercase();
    if names.trim().is_empty() {
        return false;
    }
    let has = |words: &[&str]| words.iter().any(|w| names.contains(w));
    // `ad`, `ads` only as whole words: "header", "download", "shadow" have them inside.
    let ad = names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "ad" || w == "ads");
    ad || has(BOILERPLATE_WORDS) || (has(CHROME_WORDS) && !has(CONTENT_WORDS))
}

/// Is `name` an element that holds article content for root choice?
fn is_article_root(el: &Element) -> bool {
    el.name() == "article" || el.name() == "main" || el.attr("role") == Some("main")
}

/// How deep elements that need an end tag may nest: news pages stay under
/// a hundred, and the parser takes 50 ms at this depth.
pub const MAX_DEPTH: usize = 4096;

/// Elements counted by [`nesting_depth`]: those whose end tag is required,
/// so that an open one stays open. Elements with optional end tags (`p`,
/// `li`, `td`) and void ones (`br`, `img`) would count a well-formed page
/// as deep.
const NESTING_ELEMENTS: &[&str] = &[
    "div",
    "section",
    "article",
    "main",
    "span",
    "ul",
    "ol",
    "table",
    "blockquote",
    "aside",
    "nav",
    "header",
    "footer",
    "form",
    "figure",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "font",
    "center",
    "small",
    "big",
    "sub",
    "sup",
    "code",
    "pre",
    "label",
    "details",
    "mark",
    "abbr",
    "cite",
    "q",
    "s",
    "time",
    "address",
    "dl",
];

/// How deep the elements of [`NESTING_ELEMENTS`] nest in `html`, by a scan
/// of its tags (comments and the text of `script` and `style` skipped).
/// Stray end tags do not count below zero.
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(k) = memchr_lt(&bytes[at..]) {
        at += k + 1;
        let rest = &html[at..];
        if rest.starts_with("!--") {
            at += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let (closing, name_start) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name: String = name_start
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .take(16)
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && (name == "script" || name == "style") {
            // To its end tag, whatever its case.
            let closes = |k: &usize| {
                rest.as_bytes()
                    .get(k + 2..k + 2 + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            };
            at += rest
                .match_indices("</")
                .map(|(k, _)| k)
                .find(closes)
                .unwrap_or(rest.len());
            continue;
        }
        if NESTING_ELEMENTS.contains(&name.as_str()) {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// The article text and language hint of the HTML page `html`; an error
/// (the problem, for a message) for a page nested deeper than [`MAX_DEPTH`].
pub fn extract(html: &str) -> std::result::Result<Page, String> {
    let depth = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(format!(
            "elements nested {depth} deep (limit {MAX_DEPTH}): not an article page"
        ));
    }
    let doc = Html::parse_document(html);
    let root = doc.tree.root();
    let facts = survey(root);
    let (content, headline) = choose_content(root, &facts);
    let mut paragraphs = Vec::new();
    if let Some(h1) = headline {
        paragraphs.extend(blocks(h1, true));
    }
    let in_article = std::iter::successors(Some(content), |n| n.parent())
        .any(|n| n.value().as_element().is_some_and(is_article_root));
    paragraphs.extend(blocks(content, in_article));
    Ok(Page {
        paragraphs,
        language: page_language(&doc),
    })
}

/// What one pass over the whole page finds.
struct Survey<'a> {
    /// `<article>` and `<main>` elements outside the chrome, with the
    /// paragraph text inside each.
    roots: Vec<(NodeRef<'a, Node>, usize)>,
    /// The first `<h1>` outside the chrome.
    first_h1: Option<NodeRef<'a, Node>>,
    /// Each `<p>` outside the chrome and its text length, in characters.
    paragraphs: Vec<(NodeRef<'a, Node>, usize)>,
}

/// Find the candidates for the article and the paragraphs that score them.
fn survey(root: NodeRef<'_, Node>) -> Survey<'_> {
    let mut facts = Survey {
        roots: Vec::new(),
        first_h1: None,
        paragraphs: Vec::new(),
    };
    // The open <p> and the characters of text it has so far.
    let mut open_p: Option<(NodeRef<Node>, usize)> = None;
    // Paragraph text so far, and what it was when each open root opened:
    // a root's text is the difference when it closes, whatever the nesting.
    let mut so_far = 0usize;
    let mut open_roots: Vec<(NodeRef<Node>, usize)> = Vec::new();
    walk(root, false, |event| match event {
        Walk::Enter(node, el) => {
            if is_article_root(el) {
                open_roots.push((node, so_far));
            }
            if el.name() == "h1" && facts.first_h1.is_none() {
                facts.first_h1 = Some(node);
            }
            if el.name() == "p" && open_p.is_none() {
                open_p = Some((node, 0));
            }
        }
        Walk::Text(text) => {
            if let Some((_, n)) = open_p.as_mut() {
                *n += text.trim().chars().count();
            }
        }
        Walk::Leave(node, el) => {
            if let Some((p, n)) = open_p.filter(|(p, _)| p.id() == node.id()) {
                so_far += n;
                facts.paragraphs.push((p, n));
                open_p = None;
            }
            if is_article_root(el) {
                if let Some((root, start)) = open_roots.pop() {
                    facts.roots.push((root, so_far - start));
                }
            }
        }
    });
    facts
}

/// The element whose blocks are the article, and the headline to put
/// before them when it stands outside.
fn choose_content<'a>(
    root: NodeRef<'a, Node>,
    facts: &Survey<'a>,
) -> (NodeRef<'a, Node>, Option<NodeRef<'a, Node>>) {
    let total: usize = facts.paragraphs.iter().map(|(_, n)| n).sum();
    // Articles first, then <main>: a page's <main> often holds the
    // article and its related teasers.
    let best_root = facts
        .roots
        .iter()
        .filter(|&&(_, n)| n > 0 && n * 2 >= total)
        .min_by_key(|&&(el, n)| {
            let is_main = el
                .value()
                .as_element()
                .is_some_and(|e| e.name() != "article");
            (is_main, std::cmp::Reverse(n))
        })
        .map(|&(el, _)| el);
    let content = best_root.or_else(|| best_scored(facts)).unwrap_or(root);
    let headline = facts
        .first_h1
        .filter(|h1| h1.id() < content.id() && !h1.ancestors().any(|a| a.id() == content.id()));
    (content, headline)
}

/// Readability's choice: the element whose paragraphs (its children, and
/// half of its grandchildren's) hold the most text.
fn best_scored<'a>(facts: &Survey<'a>) -> Option<NodeRef<'a, Node>> {
    let mut scores: HashMap<NodeId, (NodeRef<'a, Node>, usize)> = HashMap::new();
    for (p, n) in &facts.paragraphs {
        let mut ancestors = p.ancestors();
        if let Some(parent) = ancestors.next() {
            scores.entry(parent.id()).or_insert((parent, 0)).1 += 2 * n;
        }
        if let Some(grand) = ancestors.next() {
            scores.entry(grand.id()).or_insert((grand, 0)).1 += n;
        }
    }
    scores
        .into_values()
        .max_by_key(|&(node, score)| (score, std::cmp::Reverse(node.id())))
        .map(|(node, _)| node)
}

/// The paragraphs of the blocks under `top`.
fn blocks(top: NodeRef<'_, Node>, in_article: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut flush = |buf: &mut String| {
        let text = squeeze_whitespace(buf);
        if !crate::input::text::is_blank(&text) {
            out.push(text);
        }
        buf.clear();
    };
    walk(top, in_article, |event| match event {
        Walk::Enter(_, el) if el.name() == "br" => buf.push(' '),
        Walk::Enter(_, el) | Walk::Leave(_, el) if BLOCK_ELEMENTS.contains(&el.name()) => {
            flush(&mut buf)
        }
        Walk::Text(text) => buf.push_str(text),
        _ => {}
    });
    flush(&mut buf);
    out
}

/// One step of [`walk`].
enum Walk<'a> {
    /// An element kept, opened.
    Enter(NodeRef<'a, Node>, &'a Element),
    /// Text of a kept element.
    Text(&'a str),
    /// An element kept, closed.
    Leave(NodeRef<'a, Node>, &'a Element),
}

/// Visit the elements and text under `top` in document order, leaving out
/// the dropped elements ([`is_dropped`]), comments and menus (lists whose
/// text is mostly links). `in_article`: `top` is inside an article.
fn walk<'a>(top: NodeRef<'a, Node>, in_article: bool, mut visit: impl FnMut(Walk<'a>)) {
    // The dropped element being skipped, and the open articles.
    let mut skipping: Option<NodeId> = None;
    let mut articles: Vec<NodeId> = Vec::new();
    for edge in top.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => visit(Walk::Text(text)),
                    Node::Element(el) => {
                        let in_article = in_article || !articles.is_empty();
                        if is_dropped(el, in_article) || is_menu(node, el) {
                            skipping = Some(node.id());
                            continue;
                        }
                        if is_article_root(el) {
                            articles.push(node.id());
                        }
                        visit(Walk::Enter(node, el));
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if articles.last() == Some(&node.id()) {
                        articles.pop();
                    }
                    visit(Walk::Leave(node, el));
                }
            }
        }
    }
}

/// Is this a list whose text is mostly links: a menu or a "read more" list?
/// Only lists are judged so: a paragraph may well be one long link.
fn is_menu(node: NodeRef<'_, Node>, el: &Element) -> bool {
    if !matches!(el.name(), "ul" | "ol") {
        return false;
    }
    // Nested lists are counted with their outer list only.
    if node.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "ul" | "ol"))
    }) {
        return false;
    }
    let (mut text, mut linked) = (0usize, 0usize);
    let mut open_links = 0usize;
    let is_link = |n: NodeRef<Node>| n.value().as_element().is_some_and(|e| e.name() == "a");
    for edge in node.traverse() {
        match edge {
            Edge::Open(d) if is_link(d) => open_links += 1,
            Edge::Close(d) if is_link(d) => open_links -= 1,
            Edge::Open(d) => {
                if let Node::Text(t) = d.value() {
                    let n = t.trim().chars().count();
                    text += n;
                    if open_links > 0 {
                        linked += n;
                    }
                }
            }
            Edge::Close(_) => {}
        }
    }
    text > 0 && linked * 5 >= text * 4
}

/// The page's language from `<html lang>` (or `xml:lang`), as a primary
/// subtag (`ar-EG` is `ar`); none when it is not a language code, or when
/// `dir` says the other direction (a template's leftover).
fn page_language(doc: &Html) -> Option<String> {
    let html = doc.root_element();
    let el = html.value();
    let lang = el.attr("lang").or_else(|| el.attr("xml:lang"))?;
    let primary = lang.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if primary == "und" {
        return None;
    }
    if let Some(dir) = el.attr("dir").map(|d| d.trim().to_ascii_lowercase()) {
        let rtl = is_right_to_left(&primary);
        if (dir == "rtl" && !rtl) || (dir == "ltr" && rtl) {
            return None;
        }
    }
    Some(primary)
}

/// Is `code` a language written right to left?
pub(crate) fn is_right_to_left(code: &str) -> bool {
    matches!(
        code,
        "ar" | "fa"
            | "ur"
            | "ps"
            | "he"
            | "yi"
            | "ckb"
            | "sd"
            | "ug"
            | "dv"
            | "ku"
            | "arz"
            | "ary"
            | "apc"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(html: &str) -> Page {
        super::extract(html).unwrap()
    }

    fn paragraphs(html: &str) -> Vec<String> {
        extract(html).paragraphs
    }

    #[test]
    fn article_text_without_the_page_chrome() {
        let page = r#"<!DOCTYPE html><html lang="en-GB"><head><title>Port | News</title>
            <style>p{color:red}</style><script>var x = "<p>not text</p>";</script></head>
            <body><header><a href="/">Home</a> <a href="/world">World</a></header>
            <nav><ul><li><a href="/a">Politics</a></li><li><a href="/b">Sport</a></li></ul></nav>
            <div id="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept</button></div>
            <article><header><h1>Port to double its capacity</h1></header>
            <p>The <strong>Dana</strong> port will <a href="/x">double</a> its capacity&nbsp;by 2028.</p>
            <!-- a comment -->
            <p>Work starts in May,<br>officials said &amp; added more.</p>
            <p hidden>Hidden text.</p><p style="display: none">Also hidden.</p>
            <div aria-hidden="true">Decoration.</div>
            <aside class="related"><h2>Related</h2><p>Another story about ports.</p></aside>
            <h2>Financing</h2><p>Banks lend the money.</p>
            <div class="share-bar">Share on X</div>
            </article><footer><p>© 2026 News Ltd. All rights reserved.</p></footer></body></html>"#;
        let got = extract(page);
        assert_eq!(
            got.paragraphs,
            vec![
                "Port to double its capacity",
                "The Dana port will double its capacity by 2028.",
                "Work starts in May, officials said & added more.",
                "Financing",
                "Banks lend the money.",
            ]
        );
        assert_eq!(got.language.as_deref(), Some("en"));
    }

    #[test]
    fn without_article_the_block_with_most_paragraph_text_wins() {
        let page = r#"<html dir="rtl" lang="ar"><body>
            <div class="top"><h1>عنوان الخبر</h1></div>
            <div class="teasers"><p>خبر قصير.</p></div>
            <div class="story-text"><p>الفقرة الأولى من الخبر وهي طويلة بما يكفي.</p>
            <p>الفقرة الثانية من الخبر وهي طويلة أيضا.</p><h3>عنوان فرعي</h3><p>الفقرة الثالثة.</p></div>
            <ul class="links"><li><a href="/1">رابط</a></li></ul>
            </body></html>"#;
        let got = extract(page);
        assert_eq!(
            got.paragraphs,
            vec![
                "عنوان الخبر",
                "الفقرة الأولى من الخبر وهي طويلة بما يكفي.",
                "الفقرة الثانية من الخبر وهي طويلة أيضا.",
                "عنوان فرعي",
                "الفقرة الثالثة.",
            ]
        );
        assert_eq!(got.language.as_deref(), Some("ar"));
    }

    #[test]
    fn teaser_articles_lose_to_the_story() {
        let page = r#"<html><body><main>
            <article><h1>The story</h1><p>A long first paragraph of the real story, with detail.</p>
            <p>A second paragraph of the story, also with detail.</p></article>
            <section><article><h2>Teaser</h2><p>Short teaser.</p></article></section>
            </main></body></html>"#;
        assert_eq!(
            paragraphs(page),
            vec![
                "The story",
                "A long first paragraph of the real story, with detail.",
                "A second paragraph of the story, also with detail.",
            ]
        );
    }

    #[test]
    fn language_hint_is_dropped_when_dir_contradicts_it() {
        assert_eq!(
            extract(r#"<html lang="en" dir="rtl"><p>x</p></html>"#).language,
            None
        );
        assert_eq!(extract(r#"<html lang="*"><p>x</p></html>"#).language, None);
        assert_eq!(extract("<p>x</p>").language, None);
        assert_eq!(
            extract(r#"<html lang="ar-EG" dir="RTL"><p>x</p></html>"#)
                .language
                .as_deref(),
            Some("ar")
        );
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = |n: usize| {
            format!(
                "{}<p>deep text.</p>{}",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )
        };
        assert_eq!(paragraphs(&deep(MAX_DEPTH)), vec!["deep text."]);
        let err = super::extract(&deep(1_000_000)).unwrap_err();
        assert_eq!(
            err,
            "elements nested 1000000 deep (limit 4096): not an article page"
        );
        // Tags with optional end tags, void tags, comments and scripts are not depth.
        let flat = format!(
            "{}<!-- {} --><script>{}</script>{}",
            "<p>a".repeat(10_000),
            "<div>".repeat(10_000),
            "'<div>'".repeat(10_000),
            "<li>b<br><img src=x>".repeat(10_000)
        );
        assert_eq!(nesting_depth(&flat), 0);
        assert_eq!(
            nesting_depth("<div><DIV></div><span></span></div></div></div><div>"),
            2
        );
        assert_eq!(nesting_depth("<SCRIPT>'<div>'</Script><div>"), 1);
    }

    #[test]
    fn table_cells_are_paragraphs_row_by_row() {
        let page = "<article><table><tr><td>Year</td><td>Ships</td></tr><tr><td>2025</td><td>9,500</td></tr></table></article>";
        assert_eq!(paragraphs(page), vec!["Year", "Ships", "2025", "9,500"]);
    }
}
