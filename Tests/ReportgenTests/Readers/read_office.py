"""Reads a recipe's Word and Excel outputs back with real readers (openpyxl, python-docx) and
checks them against what the same run wrote as CSV and JSON. Run by OfficeOutputTests:

    python3 read_office.py tay-ho-2020-2025 OUT_DIR
    python3 read_office.py sales-review-2021-2025 OUT_DIR

Prints every failed check and exits 1 if there is any; prints a summary and exits 0 otherwise.
"""
import csv
import json
import re
import sys
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import openpyxl
from docx.shared import Mm

failures = []
checks = 0


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        failures.append(message)


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def exact(cell_value):
    """A number as openpyxl read it, as a Decimal of its shortest repr (what the file holds)."""
    return Decimal(repr(cell_value)) if isinstance(cell_value, float) else Decimal(cell_value)


def raw_values(path, sheet_number):
    """The <v> texts of a worksheet by cell reference: what the file holds, before any float."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(f"xl/worksheets/sheet{sheet_number}.xml").decode("utf-8")
    return dict(re.findall(r'<c r="([A-Z]+[0-9]+)"[^>]*?(?<!/)><v>([^<]*)</v>', xml))


def check_workbook_basics(path):
    workbook = openpyxl.load_workbook(path)
    names = workbook.sheetnames
    check(len(names) == len({name.lower() for name in names}), f"{path.name}: sheet names are unique: {names}")
    for name in names:
        check(0 < len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name), f"{path.name}: valid sheet name {name!r}")
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                check(cell.data_type != "f", f"{path.name}: {sheet.title}!{cell.coordinate} is not a formula")
    return workbook


def table_sheet(workbook, header):
    """The sheet whose first row is `header`, checked for a frozen, bold, filtered header."""
    for index, sheet in enumerate(workbook.worksheets):
        if [cell.value for cell in sheet[1]] == header:
            check(sheet.freeze_panes == "A2", f"{sheet.title}: header row frozen (freeze_panes {sheet.freeze_panes})")
            check(sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}{sheet.max_row}",
                  f"{sheet.title}: autofilter over the table ({sheet.auto_filter.ref})")
            check(all(cell.font.b for cell in sheet[1]), f"{sheet.title}: header bold")
            check(all((sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width or 0) >= 6
                      for column in range(1, len(header) + 1)), f"{sheet.title}: fitted column widths")
            return sheet, index + 1
    failures.append(f"no sheet has the header {header}")
    return None, 0


def compare_with_csv(workbook_path, sheet, sheet_number, columns, rows, percent=(), formats=None):
    """Each cell of `sheet` under the header labels of `columns` (label -> csv column) equals the
    CSV's value, exactly (a percent cell holds the CSV's value / 100); numbers are numeric cells."""
    labels = [cell.value for cell in sheet[1]]
    raw = raw_values(workbook_path, sheet_number)
    check(sheet.max_row - 1 == len(rows), f"{sheet.title}: {sheet.max_row - 1} rows, CSV has {len(rows)}")
    for row_number, expected in enumerate(rows, start=2):
        for label, name in columns.items():
            column = labels.index(label) + 1
            cell = sheet.cell(row=row_number, column=column)
            wanted = expected[name]
            where = f"{sheet.title}!{cell.coordinate} ({name})"
            if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", wanted):
                check(cell.data_type == "n" and isinstance(cell.value, (int, float)), f"{where}: a number, not {cell.value!r}")
                scale = Decimal(100) if name in percent else Decimal(1)
                check(exact(cell.value) * scale == Decimal(wanted), f"{where}: {cell.value!r} equals the CSV's {wanted}")
                check(Decimal(raw.get(cell.coordinate, "nan")) * scale == Decimal(wanted),
                      f"{where}: the file's <v>{raw.get(cell.coordinate)}</v> is the exact decimal {wanted}")
            elif wanted:
                check(cell.data_type == "s" and cell.value == wanted, f"{where}: text {cell.value!r} equals the CSV's {wanted!r}")
            if formats and name in formats and wanted:
                check(cell.number_format == formats[name], f"{where}: number format {cell.number_format!r}, wanted {formats[name]!r}")


def paragraphs(document):
    return [paragraph for paragraph in document.paragraphs]


def all_cell_texts(document):
    return [cell.text for table in document.tables for row in table.rows for cell in row.cells]


def chart_values(path, number):
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(f"word/charts/chart{number}.xml").decode("utf-8")
        names = archive.namelist()
    values = re.findall(r"<c:val>.*?</c:val>", xml, re.S)
    check(f"word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx" in names, f"chart {number} embeds its workbook")
    return [re.findall(r"<c:v>([^<]*)</c:v>", series) for series in values], xml


def rounded(value, digits):
    return str(Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP).normalize()) if value is not None else None


def flagship(out):
    workbook_path = out / "so-lieu.xlsx"
    workbook = check_workbook_basics(workbook_path)
    summary = workbook.worksheets[0]
    check(summary.title == "Tổng quan", f"summary sheet first: {summary.title}")
    check(summary["A1"].value == "Tổng kết công tác xây dựng Đảng nhiệm kỳ 2020–2025", f"summary title {summary['A1'].value!r}")
    summary_rows = {row[0].value: row for row in summary.iter_rows() if row[0].value}
    admitted = summary_rows.get("Đảng viên kết nạp từ năm 2010")
    check(admitted is not None and admitted[1].value == 1382 and admitted[1].number_format == "#,##0",
          "summary metric 1,382 as a number with a grouped format")
    check("Thời kỳ" in summary_rows and summary_rows["Thời kỳ"][1].value == "2020–2025", "summary period")
    rating = {"Năm": "nam", "Hoàn thành tốt": "hoan_thanh_tot", "Tổng số": "tong_so", "Tỷ lệ (%)": "ty_le",
              "Chỉ tiêu (%)": "target", "Đánh giá": "status"}
    formats = {"nam": "0", "hoan_thanh_tot": "#,##0", "tong_so": "#,##0", "ty_le": "0.00%", "target": "0%", "status": "General"}
    members, number = table_sheet(workbook, list(rating))
    if members:
        check(members.title.startswith("Đảng viên hoàn thành tốt"), f"sheet named for its table's title: {members.title}")
        compare_with_csv(workbook_path, members, number, rating, csv_rows(out / "dang-vien.csv"), percent={"ty_le", "target"}, formats=formats)
    organisations = [sheet for sheet in workbook.worksheets if sheet.title.startswith("Tổ chức đảng")]
    check(len(organisations) == 1, "the organisations' table has its sheet")
    if organisations:
        compare_with_csv(workbook_path, organisations[0], workbook.worksheets.index(organisations[0]) + 1, rating,
                         csv_rows(out / "to-chuc.csv"), percent={"ty_le", "target"}, formats=formats)
    trend, number = table_sheet(workbook, ["Năm", "Kết nạp", "Tăng/giảm", "Lũy kế"])
    if trend:
        compare_with_csv(workbook_path, trend, number, {"Năm": "nam", "Kết nạp": "ket_nap"}, csv_rows(out / "ket-nap-theo-nam.csv"))

    document_path = out / "tong-ket.docx"
    document = docx.Document(document_path)
    section = document.sections[0]
    for name, value, millimetres in [("page width", section.page_width, 210), ("page height", section.page_height, 297),
                                     ("top margin", section.top_margin, 20), ("bottom margin", section.bottom_margin, 20),
                                     ("left margin", section.left_margin, 30), ("right margin", section.right_margin, 15)]:
        check(abs(value - Mm(millimetres)) < Mm(0.1), f"official {name}: {value.mm:.2f} mm, wanted {millimetres}")
    check(section.different_first_page_header_footer, "no page number on the first page")
    check("PAGE" in section.header._element.xml, "page numbers in the header")
    normal = document.styles["Normal"]
    check(normal.font.name == "Times New Roman" and normal.font.size.pt == 14, f"Normal: {normal.font.name} {normal.font.size}")
    headings = [(paragraph.style.name, paragraph.text) for paragraph in paragraphs(document) if paragraph.style.name.startswith("Heading")]
    check(("Heading 1", "Kết quả nổi bật") in headings, f"Heading 1 Kết quả nổi bật in {headings}")
    check(("Heading 2", "Công tác phát triển đảng viên") in headings, "Heading 2 Công tác phát triển đảng viên")
    # Sources and method: the section, an entry for the total since 2010 naming its file and rows.
    check(("Heading 2", "Nguồn số liệu và cách tính") in headings, "the sources-and-method section")
    check(("Heading 3", "Đảng viên kết nạp từ năm 2010") in headings, "the entry of the total since 2010")
    method = " ".join(p.text for p in paragraphs(document))
    check("data/admissions.csv, 128 dòng" in method, "the entry names the admissions file and its rows")
    body = " ".join(paragraph.text for paragraph in paragraphs(document) if paragraph.style.name == "Normal")
    for figure in ["kết nạp được 1.382 đảng viên tại 8 phường", "(năm thấp nhất 97,7%), vượt chỉ tiêu 90%",
                   "4 học sinh trung học phổ thông và 3 thanh niên chuẩn bị nhập ngũ", "năm 2023 được xếp loại “hoàn thành xuất sắc nhiệm vụ”"]:
        check(figure in body, f"a paragraph says {figure!r}")
    texts = all_cell_texts(document)
    for text in ["QUẬN ỦY TÂY HỒ", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 125-BC/QU", "Tây Hồ, ngày 15 tháng 3 năm 2025",
                 "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn A", "- Thành ủy Hà Nội (để báo cáo);"]:
        check(any(text in cell for cell in texts), f"the official parts hold {text!r}")
    check(any(p.style.name == "Document Kind" and p.text == "BÁO CÁO" for p in paragraphs(document)), "the kind of document")
    check(any(p.style.name == "Title" and p.text == "Tổng kết công tác xây dựng Đảng nhiệm kỳ 2020–2025" for p in paragraphs(document)),
          "the title")
    table = next((t for t in document.tables if [c.text for c in t.rows[0].cells] == list(rating)), None)
    check(table is not None, "the members' table")
    if table is not None:
        check([c.text for c in table.rows[1].cells] == ["2020", "4.606", "4.710", "97,8", "90", "vượt"],
              f"first row as the report writes it: {[c.text for c in table.rows[1].cells]}")
        check("w:tblHeader" in table.rows[0]._tr.xml, "the header row repeats on each page")
        check(table.style.name == "Report Table", f"table style {table.style.name}")
        number_cell = table.rows[1].cells[1].paragraphs[0]
        check(number_cell.style.name == "Table Number" and number_cell.style.paragraph_format.alignment == 2,
              "numbers right-aligned by their style")
    check(len(document.inline_shapes) == 2, f"two charts, {len(document.inline_shapes)} found")
    report = json.loads((out / "tong-ket.json").read_text(encoding="utf-8"))
    tables = {table["id"]: table for table in report["tables"]}
    rates = tables["dang_vien_theo_nam"]
    column = [c["name"] for c in rates["columns"]].index("ty_le")
    series, xml = chart_values(document_path, 1)
    check("<c:lineChart>" in xml and series == [[rounded(row[column], 1) for row in rates["rows"]]],
          f"line chart values {series} are the rates rounded to 1 digit")
    series, xml = chart_values(document_path, 2)
    check("<c:barChart>" in xml and series == [[row["ket_nap"] for row in csv_rows(out / "ket-nap-theo-nam.csv")]],
          "bar chart values equal the CSV's")


def sales(out):
    workbook_path = out / "sales-review.xlsx"
    workbook = check_workbook_basics(workbook_path)
    check(workbook.sheetnames[0] == "Summary", "summary sheet first")
    target, number = table_sheet(workbook, ["Year", "Revenue", "Target", "Gap", "% of target", "Status"])
    if target:
        check(target["B2"].number_format == "#,##0.00" and target["C2"].number_format == "#,##0", "fixed decimals, integers without")
        check(target["E2"].number_format == "0.00%" and exact(target["E2"].value) == Decimal("1.0334"), f"ratio as a percent: {target['E2'].value}")
        check(target["D2"].number_format == "+#,##0.00;-#,##0.00;#,##0.00" and exact(target["D6"].value) == Decimal("-9546.67"),
              f"gap signed: {target['D2'].number_format}")
        check(exact(target["B2"].value) == Decimal("46503.1"), f"revenue 2021 {target['B2'].value}")
    quarters, number = table_sheet(workbook, ["period", "orders", "revenue"])
    if quarters:
        rows = csv_rows(out / "revenue-by-quarter.csv")
        compare_with_csv(workbook_path, quarters, number, {"orders": "orders", "revenue": "revenue"}, rows,
                         formats={"orders": "#,##0", "revenue": "#,##0.00"})
        check(quarters["A2"].value == "Q1 2021", f"a quarter is text as the report writes it: {quarters['A2'].value!r}")

    document = docx.Document(out / "sales-review.docx")
    section = document.sections[0]
    check(abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1), "A4")
    check(abs(section.left_margin - Mm(25.4)) < Mm(0.1), "default margins")
    normal = document.styles["Normal"]
    check(normal.font.name == "Arial" and normal.font.size.pt == 11, f"Normal: {normal.font.name} {normal.font.size}")
    check(document.paragraphs[0].style.name == "Title" and document.paragraphs[0].text == "Sales review 2021–2025", "title")
    check(any(p.style.name == "Heading 2" and p.text == "Regions and products" for p in document.paragraphs), "heading")
    body = " ".join(p.text for p in document.paragraphs)
    check("2025: $46,453.33 against a target of $56,000 (missed)." in body, "the narrative's figures")
    texts = all_cell_texts(document)
    for text in ["251,536.50", "884", "17,829", "46,503.10", "+1,503.10", "103.34%", "exceeded", "Gadgets"]:
        check(text in texts, f"a table cell holds {text}")
    check(len(document.inline_shapes) == 3, f"three charts, {len(document.inline_shapes)} found")
    series, xml = chart_values(out / "sales-review.docx", 2)
    check(series == [["46503.1", "49001.21", "55042.25", "54536.61", "46453.33"], ["45000", "48000", "50000", "52000", "56000"]]
          and '<a:prstDash val="dash"/>' in xml, f"revenue against the target as a dashed line: {series}")


def main():
    recipe, out = sys.argv[1], Path(sys.argv[2])
    {"tay-ho-2020-2025": flagship, "sales-review-2021-2025": sales}[recipe](out)
    for failure in failures:
        print("FAILED:", failure)
    print(f"{recipe}: {checks - len(failures)} of {checks} checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
