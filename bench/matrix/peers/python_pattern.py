# pattern.yaml's figures with Python's re, as a script would pull them out:
# python3 python_pattern.py REPORTS OUT. The sentence around a match follows the pattern
# extractor's rule: from after the previous sentence end ('.', '!', '?' or ';' before white
# space, or a blank line) to the next, white space collapsed.
import csv, glob, os, re, sys
from decimal import Decimal
folder, dst = sys.argv[1], sys.argv[2]
NUMBER = r"[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?:\s?%)?(?!\d)"
PATTERNS = {"ket_nap": "kết nạp được {number} đảng viên",
            "hoc_sinh": "{number} học sinh trung học phổ thông",
            "ty_le": "tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt {number}"}
compiled = [(name, re.compile(re.escape(p).replace(r"\{number\}", f"(?P<value>{NUMBER})").replace(r"\ ", r"\s+"), re.IGNORECASE))
            for name, p in PATTERNS.items()]

def ends(text, i):
    if i < 0 or i >= len(text):
        return False
    c = text[i]
    if c == "\n" and i + 1 < len(text) and text[i + 1] == "\n":
        return True
    return c in ".!?;" and (i + 1 >= len(text) or text[i + 1].isspace())

def sentence(text, start, end):
    first = start
    while first > 0 and not ends(text, first - 1):
        first -= 1
    last = max(end - 1, start)
    while last < len(text) - 1 and not ends(text, last):
        last += 1
    return " ".join(text[first:min(last, len(text) - 1) + 1].split())

rows = []
for file_index, path in enumerate(sorted(glob.glob(os.path.join(folder, "*.txt")))):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    for pattern_index, (name, regex) in enumerate(compiled):
        for match in regex.finditer(text):
            digits = match.group("value")
            if digits.endswith("%"):
                digits = digits[:-1].strip()
            value = Decimal(digits.replace(".", "").replace(",", "."))
            rows.append((file_index, match.start(), pattern_index, [path, name, value, sentence(text, match.start(), match.end())]))
rows.sort(key=lambda r: r[:3])
with open(dst, "w", newline="", encoding="utf-8") as handle:
    writer = csv.writer(handle)
    writer.writerow(["file", "name", "value", "sentence"])
    writer.writerows(r[3] for r in rows)
