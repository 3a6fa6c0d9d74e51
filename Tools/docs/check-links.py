#!/usr/bin/env python3
"""Checks that the documentation's relative links resolve.

Every relative Markdown link and image in README.md and docs/*.md must point to a file or folder that
exists (relative to the file that links to it), and a link with a #fragment into a Markdown file (or into
the same file) must name one of that file's headings, by its GitHub-style slug: the heading's text as
shown, in lowercase, with punctuation removed except hyphens, spaces and underscores (GitHub keeps those),
each space a hyphen; a repeated heading gets -1, -2, … after the first. HTML anchors (<a name="…"> or
id="…") count too.

    python3 Tools/docs/check-links.py                 # README.md and docs/*.md
    python3 Tools/docs/check-links.py FILE.md …       # only these files
    python3 Tools/docs/check-links.py --root DIR      # another checkout (default: this script's repository)

Links to http(s) and mailto addresses are not checked, nor anything inside fenced code blocks, inline
code or HTML comments. Prints one line per broken link, `file:line: link — reason`, and exits 1 when there
is any; otherwise prints a one-line summary and exits 0. Python 3, standard library only.
"""
import os
import re
import sys
import unicodedata
from urllib.parse import unquote

IGNORED_SCHEMES = ("http://", "https://", "mailto:")

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
HTML_ANCHOR = re.compile(r"""<a\s[^>]*?\bname\s*=\s*["']([^"']+)["']|\bid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# [text](target "title") or ![alt](target); the text may hold one level of brackets and span lines.
INLINE_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\(\s*(<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*(<[^<>\n]*>|\S+)", re.MULTILINE)


def blank(text, start, end):
    """`text` with [start, end) replaced by spaces, newlines kept, so offsets and line numbers still hold."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def prose(text):
    """The text with fenced code blocks, HTML comments and inline code blanked out.

    Inline code inside a link's text is blanked with letters instead, so the link around it still matches.
    """
    text = without_fences(text, lambda line: " " * len(line))
    for match in reversed(list(re.finditer(r"<!--.*?-->", text, re.DOTALL))):
        text = blank(text, match.start(), match.end())
    # Inline code: a run of backticks up to the next run of the same length.
    out = []
    position = 0
    for match in re.finditer(r"`+", text):
        if match.start() < position:
            continue
        closing = re.compile(r"(?<!`)" + match.group(0) + r"(?!`)").search(text, match.end())
        if not closing:
            continue
        out.append(text[position:match.start()])
        out.append(re.sub(r"[^\n]", "x", text[match.start():closing.end()]))
        position = closing.end()
    out.append(text[position:])
    return "".join(out)


def heading_text(raw):
    """A heading's text as GitHub shows it: links as their text, HTML tags gone, inline code as written."""
    parts = re.split(r"(`+)(.*?)\1", raw)
    shown = []
    for index in range(0, len(parts), 3):
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", parts[index])
        shown.append(re.sub(r"<[^>\s][^>]*>", "", text))
        if index + 2 < len(parts):
            shown.append(parts[index + 2])
    return "".join(shown)


def slug(text):
    """GitHub's anchor for a heading: lowercase; letters, digits, marks, '_', '-' and spaces kept; spaces → '-'."""
    kept = []
    for character in heading_text(text).strip().lower():
        category = unicodedata.category(character)
        if character in "-_ " or category[0] in "LMN":
            kept.append(character)
    return "".join(kept).replace(" ", "-")


def anchors(path, cache={}):
    """Every anchor a Markdown file has: its headings' slugs (with GitHub's -1, -2 for repeats) and HTML ids."""
    if path in cache:
        return cache[path]
    with open(path, encoding="utf-8") as file:
        text = file.read()
    found = set()
    seen = {}

    def add(heading):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")

    lines = prose_with_headings(text).split("\n")
    for number, line in enumerate(lines):
        match = HEADING.match(line)
        if match:
            add(re.sub(r"[ \t]+#+$", "", match.group(2) or "").strip())
        elif SETEXT.match(line) and number > 0 and lines[number - 1].strip() \
                and not HEADING.match(lines[number - 1]) and (line.strip()[0] == "=" or not re.match(r"^ {0,3}[-*+] ", lines[number - 1])):
            add(lines[number - 1].strip())
    for match in HTML_ANCHOR.finditer(text):
        found.add(match.group(1) or match.group(2))
    cache[path] = found
    return found


def without_fences(text, blanked):
    """The text with each line of a fenced code block (its fences included) replaced by `blanked(line)`."""
    lines = text.split("\n")
    fence = None
    for number, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None:
            if match and not (match.group(1)[0] == "`" and "`" in line[match.end():]):
                fence = match.group(1)
                lines[number] = blanked(line)
        else:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line[match.end():].strip():
                fence = None
            lines[number] = blanked(line)
    return "\n".join(lines)


def prose_with_headings(text):
    """The text with fenced code blocks blanked (headings keep their inline code, which their slugs use)."""
    return without_fences(text, lambda line: "")


def links(path):
    """(line, target) for every link and image in the file's prose, inline and reference definitions."""
    with open(path, encoding="utf-8") as file:
        original = file.read()
    text = prose(original)
    for pattern, group in ((INLINE_LINK, 3), (REFERENCE_DEFINITION, 2)):
        for match in pattern.finditer(text):
            start, end = match.span(group)
            target = original[start:end].strip()
            if target.startswith("<") and target.endswith(">"):
                target = target[1:-1]
            yield original.count("\n", 0, start) + 1, target


def verdict(path, root, target):
    """Why a link from `path` is broken, or None when it resolves, or "skip" for an address on the web."""
    if target.lower().startswith(IGNORED_SCHEMES):
        return "skip"
    if not target:
        return "empty link"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
        return "not a relative link (only http, https and mailto links are left unchecked)"
    file_part, _, fragment = target.partition("#")
    file_part = unquote(re.sub(r"\\(.)", r"\1", file_part.split("?")[0]))
    if file_part.startswith("/"):
        destination = os.path.normpath(os.path.join(root, file_part.lstrip("/")))
    elif file_part:
        destination = os.path.normpath(os.path.join(os.path.dirname(path), file_part))
    else:
        destination = path
    if not os.path.exists(destination):
        return f"no such file: {os.path.relpath(destination, root)}"
    if fragment and os.path.isfile(destination) and destination.lower().endswith((".md", ".markdown")):
        if unquote(fragment).lower() not in anchors(destination):
            return f"{os.path.relpath(destination, root)} has no heading whose anchor is #{fragment}"
    return None


def main(arguments):
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    files = []
    iterator = iter(arguments)
    for argument in iterator:
        if argument == "--root":
            root = os.path.abspath(next(iterator, "."))
        elif argument in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        else:
            files.append(os.path.abspath(argument))
    if not files:
        files = [os.path.join(root, "README.md")]
        docs = os.path.join(root, "docs")
        if os.path.isdir(docs):
            files += sorted(os.path.join(docs, name) for name in os.listdir(docs) if name.endswith(".md"))
    broken = checked = skipped = 0
    for path in files:
        if not os.path.isfile(path):
            print(f"{os.path.relpath(path, root)}:0: — no such file to check")
            broken += 1
            continue
        for line, target in links(path):
            reason = verdict(path, root, target)
            if reason == "skip":
                skipped += 1
                continue
            checked += 1
            if reason:
                broken += 1
                print(f"{os.path.relpath(path, root)}:{line}: {target} — {reason}")
    if broken:
        print(f"{broken} broken of {checked} relative links in {len(files)} files", file=sys.stderr)
        return 1
    print(f"All {checked} relative links in {len(files)} files resolve ({skipped} web links not checked).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
