#!/usr/bin/env python3
"""Checks that the library's folders depend on each other in one direction only.

Sources/DecisionLog is one module, so its "imports" are the names one folder uses that another folder
declares. Each folder has a place on the data's path (LAYERS, lowest first); a folder may use what the
folders at its own place or below declare, never what a folder above it declares.

    python3 Tools/docs/check-layers.py            # exit 0 when every use points down, else 1
    python3 Tools/docs/check-layers.py --graph    # also print which folder uses which

It reads declarations of types (struct, enum, class, protocol, actor, typealias) at the top of each file,
and members declared in top-level extensions, then every identifier in the code (comments and string
literals removed). A name declared in two folders counts as the lower one's.
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "DecisionLog")

# The data's path, lowest first: a folder may use the folders on its own line or above it in this list.
LAYERS = [
    ["Platform"],
    ["Bytes"],
    ["JSON"],
    ["HTTP"],
    ["Model"],
    ["Rules"],
    ["Format"],
    ["Draft", "Validate"],
    ["Sign"],
    ["Seal"],
    ["Decode"],
    ["Verify"],
    ["Store"],
    ["Filter"],
    ["Query"],
    ["Project"],
    ["Checkpoint"],
    ["Replay"],
    ["Diff"],
    ["Render"],
    ["Report"],
    ["Answer"],
    ["Merge"],
    ["Demo"],
    ["Web"],
]

DECLARATION = re.compile(
    r"^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|private|fileprivate|final|indirect|nonisolated)\s+)*"
    r"(?:struct|enum|class|protocol|actor|typealias)\s+(\w+)", re.M)
EXTENSION = re.compile(r"^(?:(?:public|package|internal|private|fileprivate)\s+)*extension\s+[\w.]+[^{]*\{", re.M)
MEMBER = re.compile(
    r"^    (?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|private|fileprivate|static|mutating|nonisolated|override|final)\s+)*"
    r"(?:func|var|let|init|subscript)\s*(\w*)", re.M)
IDENTIFIER = re.compile(r"\b[A-Za-z_]\w*\b")


def strip(code):
    """The code without comments and string literals (so names in prose do not count)."""
    code = re.sub(r"/\*.*?\*/", " ", code, flags=re.S)
    code = re.sub(r'"""(?:.|\n)*?"""', '""', code)
    code = re.sub(r"//[^\n]*", " ", code)
    code = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', code)
    return code


def sources():
    """(folder, path, text) for every Swift file of the library."""
    for folder in sorted(os.listdir(ROOT)):
        base = os.path.join(ROOT, folder)
        if not os.path.isdir(base):
            continue
        for directory, _, files in os.walk(base):
            for name in sorted(files):
                if name.endswith(".swift"):
                    path = os.path.join(directory, name)
                    with open(path, encoding="utf-8") as handle:
                        yield folder, path, strip(handle.read())


def main():
    rank = {folder: index for index, layer in enumerate(LAYERS) for folder in layer}
    files = list(sources())
    unknown = sorted({folder for folder, _, _ in files if folder not in rank})
    if unknown:
        print("folders with no place in LAYERS: " + ", ".join(unknown))
        return 1
    owner = {}  # name -> lowest folder declaring it
    for folder, _, text in files:
        names = set(DECLARATION.findall(text))
        # Members of top-level extensions: long, distinctive names only, so common words do not count.
        for match in EXTENSION.finditer(text):
            body = text[match.end():]
            end = re.search(r"^\}", body, re.M)
            for member in MEMBER.findall(body[: end.start() if end else len(body)]):
                if len(member) >= 9:
                    names.add(member)
        for name in names:
            if name not in owner or rank[folder] < rank[owner[name]]:
                owner[name] = folder
    uses = {}  # (user, used) -> example
    for folder, path, text in files:
        own = set(DECLARATION.findall(text)) | set(re.findall(r"\b(?:func|var|let)\s+(\w+)", text))
        for name in set(IDENTIFIER.findall(text)) - own:
            used = owner.get(name)
            if used and used != folder:
                uses.setdefault((folder, used), (name, os.path.relpath(path, ROOT)))
    upward = sorted((user, used, example) for (user, used), example in uses.items() if rank[used] > rank[user])
    if "--graph" in sys.argv:
        for folder in sorted(rank, key=lambda f: rank[f]):
            below = sorted({used for (user, used) in uses if user == folder}, key=lambda f: rank[f])
            if below:
                print(f"{folder:11} uses {', '.join(below)}")
    for user, used, (name, path) in upward:
        print(f"upward: {user} uses {used} ({name}, in {path})")
    if upward:
        return 1
    print(f"{len(rank)} folders, {len(uses)} folder-to-folder uses, every one pointing down the data's path")
    return 0


if __name__ == "__main__":
    sys.exit(main())
