"""Read a TMX with Python translate-toolkit and print its units as JSON.

Usage: python3 tt_read_tmx.py FILE.tmx SRCLANG TGTLANG
Prints {"units": [{"id": .., "source": .., "target": ..}, ...]} on stdout.
Exit status 3 when translate-toolkit is not installed (the Rust test skips).
"""
import json
import sys

try:
    from translate.storage import tmx
except ImportError:
    print("translate-toolkit is not installed", file=sys.stderr)
    sys.exit(3)


def main():
    path, src_lang, tgt_lang = sys.argv[1:4]
    with open(path, "rb") as f:
        store = tmx.tmxfile(f, sourcelanguage=src_lang, targetlanguage=tgt_lang)
    units = []
    for unit in store.units:
        units.append({"id": unit.getid(), "source": unit.source, "target": unit.target})
    json.dump({"units": units}, sys.stdout, ensure_ascii=False)


main()
