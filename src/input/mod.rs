//! Reading input: files and standard input read with size limits, decoded
//! and checked (UTF-8, NFC, no NUL), then cut into paragraphs; web pages
//! (`html`), Word documents (`docx`) and text pasted from a page (`paste`)
//! become the same paragraphs, chosen by [`article::read_article`].

pub mod article;
pub mod docx;
pub mod html;
pub(crate) mod paste;
pub mod text;
