"""Reading indicator files: formats, encodings, long and wide forms, values as people type them."""

import json

import polars as pl
import pytest
from helpers import one_rule, write

import lawgov_score as lg


@pytest.fixture
def rubric(tmp_path):
    return lg.load_rubric(one_rule(tmp_path, "{type: threshold, target: 90}"))


def values(inds):
    return {(r["unit"], r["year"], r["field"]): r["value"] for r in inds.values.iter_rows(named=True)}


LONG = "unit,year,field,value,evidence\n甲县,2024,rate,96.27%,出庭应诉率达96.27%\n甲县,2024,count,1.3万,\n乙县,2024,比率,１００％,\n"


def test_long_csv_utf8(tmp_path, rubric):
    p = tmp_path / "d.csv"
    p.write_text(LONG, encoding="utf-8")
    inds = lg.read_indicators([p], rubric)
    assert values(inds) == {("甲县", 2024, "rate"): 96.27, ("甲县", 2024, "count"): 13000, ("乙县", 2024, "rate"): 100}
    assert inds.values.filter(pl.col("field") == "rate")["evidence"].to_list()[0] == "出庭应诉率达96.27%"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings(tmp_path, rubric, encoding):
    p = tmp_path / "d.csv"
    p.write_bytes(LONG.encode(encoding))
    assert len(values(lg.read_indicators([p], rubric))) == 3


def test_tsv_and_semicolons(tmp_path, rubric):
    (tmp_path / "d.tsv").write_text(LONG.replace(",", "\t"), encoding="utf-8")
    (tmp_path / "e.csv").write_text(
        LONG.replace(",", ";").replace("乙县", "丙县").replace("甲县", "丁县"), encoding="utf-8"
    )
    assert len(values(lg.read_indicators([tmp_path / "d.tsv", tmp_path / "e.csv"], rubric))) == 6


def test_wide_form_with_chinese_headers_metadata_and_evidence(tmp_path, rubric):
    p = write(
        tmp_path,
        "w.csv",
        """
    单位,年度,所属市,某比率,某比率（佐证）,某次数,某制度,某等次
    甲县,2024年,A市,"239,471",文件一,3次,√,良
    乙县,2024,A市,98%以上,,—,×,优
    """,
    )
    p.write_text(p.read_text().replace("239,471", "96.5"))
    inds = lg.read_indicators([p], rubric)
    v = values(inds)
    assert v[("甲县", 2024, "rate")] == 96.5 and v[("甲县", 2024, "count")] == 3 and v[("甲县", 2024, "flag")] == 1
    assert v[("甲县", 2024, "grade")] == 1 and v[("乙县", 2024, "grade")] == 0 and v[("乙县", 2024, "flag")] == 0
    assert ("乙县", 2024, "count") not in v  # — is missing
    q = inds.values.filter((pl.col("unit") == "乙县") & (pl.col("field") == "rate"))["qualifier"][0]
    assert q == "lower_bound"
    assert inds.values.filter((pl.col("unit") == "甲县") & (pl.col("field") == "rate"))["evidence"][0] == "文件一"
    assert inds.units.to_dicts()[0]["city"] == "A市"


def test_a_wide_column_named_like_a_skipped_one_is_read_when_the_rubric_names_a_field_so(tmp_path, rubric):
    """flag (and 备注, 类型 …) are headers the reader skips as notes; a rubric's field of that
    id is read all the same (before, the column was dropped and the file had "no data rows")."""
    p = write(tmp_path, "w.csv", "unit,year,flag,备注\n甲县,2024,√,上报材料齐全\n乙县,2024,×,\n")
    v = values(lg.read_indicators([p], rubric))
    assert v[("甲县", 2024, "flag")] == 1 and v[("乙县", 2024, "flag")] == 0


def test_separate_unit_metadata_file(tmp_path, rubric):
    write(tmp_path, "d.csv", "unit,year,field,value\n甲县,2024,rate,90\n")
    write(tmp_path, "units.csv", "unit,city,province\n甲县,A市,B省\n")
    inds = lg.read_indicators([tmp_path], rubric)
    assert inds.units.filter(pl.col("unit") == "甲县")["province"][0] == "B省"


def test_title_row_above_header(tmp_path, rubric):
    p = write(tmp_path, "d.csv", "2024年度法治政府建设考核数据\n\nunit,year,field,value\n甲县,2024,rate,oops\n")
    with pytest.raises(lg.ProblemError) as e:
        lg.read_indicators([p], rubric)
    assert e.value.report.errors[0].line == 4  # the row a spreadsheet shows


def test_xlsx_and_parquet_and_json(tmp_path, rubric):
    import xlsxwriter

    wb = xlsxwriter.Workbook(tmp_path / "d.xlsx")
    ws = wb.add_worksheet("数据")
    ws.write_row(0, 0, ["某县考核数据（填报）"])
    ws.write_row(2, 0, ["单位", "年度", "某比率", "某次数"])
    ws.write_row(3, 0, ["甲县", 2024, 96.5, "12"])
    wb.close()
    pl.DataFrame({"unit": ["乙县"], "year": [2024], "field": ["rate"], "value": ["88"]}).write_parquet(
        tmp_path / "d.parquet"
    )
    (tmp_path / "d.json").write_text(
        json.dumps(
            [{"unit": "丙县", "year": 2024, "field": "flag", "value": True, "quote": "建立了"}], ensure_ascii=False
        ),
        encoding="utf-8",
    )
    v = values(lg.read_indicators([tmp_path / "d.xlsx", tmp_path / "d.parquet", tmp_path / "d.json"], rubric))
    assert v == {
        ("甲县", 2024, "rate"): 96.5,
        ("甲县", 2024, "count"): 12,
        ("乙县", 2024, "rate"): 88,
        ("丙县", 2024, "flag"): 1,
    }


def problems_of(tmp_path, rubric, text, name="d.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(lg.ProblemError) as e:
        lg.read_indicators([p], rubric)
    return [(x.code, x.line, x.column) for x in e.value.report.sorted()], e.value.report.render()


def test_unknown_field_named_with_a_suggestion(tmp_path, rubric):
    found, text = problems_of(tmp_path, rubric, "unit,year,field,value\n甲县,2024,rat,90\n")
    assert found == [("E-DATA-FIELD", 2, "field")]
    assert "d.csv:2:field: E-DATA-FIELD" in text and "rate" in text


def test_unknown_wide_column(tmp_path, rubric):
    found, _ = problems_of(tmp_path, rubric, "单位,年度,出庭率\n甲县,2024,90\n")
    assert found == [("E-DATA-FIELD", 1, "出庭率")]


def test_non_number_bad_bool_bad_grade_out_of_range_and_year(tmp_path, rubric):
    found, _ = problems_of(
        tmp_path,
        rubric,
        "unit,year,field,value\n甲县,2024,rate,九十\n甲县,2024,flag,也许\n"
        "甲县,2024,grade,优秀\n甲县,2024,count,-3\n乙县,2024,rate,120%\n乙县,20x4,count,1\n"
        "丙县,2024,count,NaN\n丁县,2024,amount,inf\n",
    )
    assert found == [
        ("E-DATA-NUMBER", 2, "value"),
        ("E-DATA-BOOL", 3, "value"),
        ("E-DATA-GRADE", 4, "value"),
        ("E-DATA-RANGE", 5, "value"),
        ("E-DATA-RANGE", 6, "value"),
        ("E-DATA-YEAR", 7, "year"),
        ("E-DATA-NUMBER", 8, "value"),
        ("E-DATA-NUMBER", 9, "value"),
    ]


def test_duplicate_row(tmp_path, rubric):
    found, text = problems_of(tmp_path, rubric, "unit,year,field,value\n甲县,2024,rate,90\n甲县,2024,比率,91\n")
    assert found == [("E-DATA-DUP", 3, "field")]
    assert "首次在第 2 行" in text


def test_many_problems_of_one_kind_are_summarised(tmp_path, rubric):
    rows = "".join(f"U{i},2024,rate,bad\n" for i in range(50))
    found, text = problems_of(tmp_path, rubric, "unit,year,field,value\n" + rows)
    assert len(found) == 21 and found[-1][0] == "E-DATA-MORE" and "另有 30 处" in text


@pytest.mark.parametrize(
    "content,code",
    [
        (b"", "E-DATA-EMPTY"),
        (b"unit,year,field,value\n", "E-DATA-EMPTY"),
        (b"PK\x03\x04\x00\x00binary", "E-DATA-FILE"),
        (b"a,b\n1,2\n", "E-DATA-COLUMNS"),
        (b"unit,year\n\x80\x80\xff,2024\n", "E-DATA-ENCODING"),
    ],
)
def test_unreadable_files_give_one_line(tmp_path, rubric, content, code):
    p = tmp_path / "d.csv"
    p.write_bytes(content)
    with pytest.raises(lg.ProblemError) as e:
        lg.read_indicators([p], rubric)
    assert [x.code for x in e.value.report.errors] == [code]


def test_a_unit_with_only_missing_values_still_appears(tmp_path, rubric):
    p = write(tmp_path, "d.csv", "unit,year,field,value\n甲县,2024,rate,未报送\n乙县,2024,rate,95\n")
    res = lg.score(rubric, lg.read_indicators([p], rubric))
    assert sorted(res.frame["unit"].to_list()) == ["乙县", "甲县"]
