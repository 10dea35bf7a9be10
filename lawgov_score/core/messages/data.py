"""Words of reading and scoring (see ``core.messages``): why a file cannot be read, what a value
should look like, and the parts of the problems and warnings reading and scoring give.  They are
problem parameters (``reason=said("file.missing")``), said in the reader's language when the
problem is shown, so that no Chinese of the tool's own reaches ``--lang en``."""

from __future__ import annotations

from ..groups import META_NAMES
from . import define

# A list inside a message.
define("list", {"sep": ("、", ", ")})

# Any file: the reasons E-FILE, E-DATA-FILE and E-EXTRACT-FILE give.
define(
    "file",
    {
        "missing": ("文件不存在", "the file does not exist"),
        "directory": ("这是一个目录，不是文件", "this is a folder, not a file"),
        "none_in_folder": ("目录中没有{kinds}", "the folder holds no {kinds}"),
        "too_large": (
            "文件过大（{mb} MB），细则文件不应超过 5 MB",
            "the file is too large ({mb} MB); a rubric file should not exceed 5 MB",
        ),
        "not_regular": (
            "不是普通文件（设备、管道或套接字）：请给出一个文件",
            "not a regular file (a device, pipe or socket): name a file",
        ),
        "binary_yaml": ("这是二进制文件，不是 YAML 文本", "this is a binary file, not YAML text"),
        "not_text_yaml": ("文件不是 UTF-8 或 GBK 文本", "the file is neither UTF-8 nor GBK text"),
    },
)

# YAML the parser cannot read (E-YAML, E-TYPE): the parser's own words, and a hint.
define(
    "yaml",
    {
        "too_deep": (
            "嵌套层数过多（数千层），不是细则的写法",
            "nested thousands of levels deep, which no rubric is",
        ),
        "tab": (
            "{error}（YAML 不能用 Tab 缩进，请改用空格）",
            "{error} (YAML cannot be indented with tabs: use spaces)",
        ),
        "truncated": (
            "{error}（文件到此结束，可能不完整，请检查是否只复制或下载了一部分）",
            "{error} (the file ends here and may be incomplete: check that all of it was copied or downloaded)",
        ),
        "control": (
            "含不可见的控制字符 U+{code}（可能是从别的程序粘贴来的，或文件已损坏），请删去它",
            "holds an invisible control character U+{code} (pasted from another program, or the file is damaged): "
            "delete it",
        ),
        "compound_key": ("(复合键)", "(a compound key)"),
        "key_is_text": ("键须为文字", "a key must be text"),
    },
)

# A rubric at a git revision (E-GIT).
define(
    "git",
    {
        "no_git": ("找不到 git 命令", "the git command is not found"),
        "no_repository": ("当前目录不在 git 仓库中", "the working directory is not in a git repository"),
        "no_revision": ("没有版本“{rev}”", "there is no revision '{rev}'"),
        "outside": ("路径须在仓库之内", "the path must be inside the repository"),
        "no_file": ("版本“{rev}”中没有文件 {path}", "revision '{rev}' has no file {path}"),
        "no_file_staged": ("版本“暂存区”中没有文件 {path}", "the staging area has no file {path}"),
    },
)

# Indicator files: tables that cannot be read (E-DATA-FILE, E-DATA-COLUMNS) and what values
# should look like (E-DATA-NUMBER, E-DATA-RANGE, E-DATA-FIELD).
define(
    "data",
    {
        "files": ("数据文件（.csv .tsv .xlsx .parquet .json）", "data files (.csv .tsv .xlsx .parquet .json)"),
        "not_a_table": ("无法按表格读取：{error}", "cannot be read as a table: {error}"),
        "binary": (
            "这是二进制文件，不是文本表格（若是 Excel 文件，请用 .xlsx 扩展名）",
            "this is a binary file, not a text table (an Excel file needs the .xlsx extension)",
        ),
        "not_parquet": ("不是 Parquet 文件（请检查扩展名）", "not a Parquet file (check the extension)"),
        "parquet_broken": (
            "Parquet 文件已损坏或不完整（请重新导出或下载）",
            "the Parquet file is damaged or incomplete (export or download it again)",
        ),
        "one_column": (
            "只读出一列：分隔符可能不是逗号或制表符，或表头不含“单位/unit”列",
            "only one column was read: the separator may be neither a comma nor a tab, or the header has no "
            "'unit' column",
        ),
        "one_column_mark": (
            "只读出一列：表头用的是{name}“{mark}”分隔：请改用半角逗号“,”分隔（英文输入法下的逗号），或另存为 CSV",
            "only one column was read: the header is separated by {name}: separate it with ASCII commas ',' or "
            "save it as CSV again",
        ),
        "mark_fullwidth_comma": ("全角逗号", "full-width commas (U+FF0C)"),
        "mark_enumeration_comma": ("顿号", "enumeration commas (U+3001)"),
        "mark_fullwidth_semicolon": ("全角分号", "full-width semicolons (U+FF1B)"),
        "mark_space": ("空格", "spaces"),
        "json_syntax": ("JSON 格式错误：{error}", "JSON syntax error: {error}"),
        "json_duplicate_key": (
            "JSON 记录中键“{key}”出现两次：只能保留一个值，请删去多余的",
            "the JSON record gives key '{key}' twice: keep one value and delete the other",
        ),
        "nested_list": (
            "列“{column}”的值是列表，不是单个数值或文字：每个单元格只填一个值",
            "column '{column}' holds lists, not single values: give one value per cell",
        ),
        "nested_struct": (
            "列“{column}”的值是嵌套的记录，不是单个数值或文字：每个单元格只填一个值",
            "column '{column}' holds nested records, not single values: give one value per cell",
        ),
        "too_wide": (
            "表头有 {n} 列，超过上限 {limit} 列：这不是指标表（宽表请每个指标一列，或改用长表）",
            "the header has {n} columns, more than the limit of {limit}: this is not a table of indicators "
            "(one column per field, or the long form)",
        ),
        "line_too_long": (
            "此行超过 {limit} MB，不是表格的一行：请检查文件是否为表格、换行是否完整",
            "this line is longer than {limit} MB, which no row of a table is: check that the file is a table "
            "with its line ends",
        ),
        "json_records": ("JSON 应为记录（对象）的列表", "JSON should be a list of records (objects)"),
        "xlsx_open": ("无法打开 Excel 工作簿：{why}", "cannot open the Excel workbook: {why}"),
        "xlsx_password": (
            "工作簿设有打开密码：请在 Excel/WPS 中去掉密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空）后另存",
            "the workbook has an open password: remove it in Excel/WPS (File → Info → Protect Workbook → "
            "Encrypt with Password, clear it) and save it again",
        ),
        "xlsx_old": (
            "这是旧版 .xls 或其他 Office 文件，不是 .xlsx：请在 Excel/WPS 中另存为 .xlsx",
            "this is an old .xls or other Office file, not .xlsx: save it as .xlsx in Excel/WPS",
        ),
        "xlsx_broken": (
            "文件已损坏或不完整（不是有效的 .xlsx）：请在 Excel/WPS 中打开并重新另存为 .xlsx，或重新下载",
            "the file is damaged or incomplete (not a valid .xlsx): open it in Excel/WPS and save it as .xlsx "
            "again, or download it again",
        ),
        "xlsx_merges_overlap": (
            "合并单元格相互重叠（Excel 不会这样保存，文件已损坏）：请在 Excel/WPS 中打开并重新另存为 .xlsx",
            "merged cells overlap (Excel never saves them so: the file is damaged): open it in Excel/WPS and save "
            "it as .xlsx again",
        ),
        "xlsx_encrypted": (
            "工作簿已加密：请去掉密码后另存为 .xlsx",
            "the workbook is encrypted: remove the password and save it as .xlsx",
        ),
        "no_unit_column": (
            "找不到单位列：表头须有“单位”（或 unit、地区）列",
            "no unit column: the header needs a 'unit' column",
        ),
        "template_no_unit": (
            "表中没有“单位”列：请加“单位”列，或在“{sheet}”表（表头含“单位”“年度”）填写单位名称和年度",
            "the table has no unit column: add one, or fill in the unit and year on the workbook's unit sheet",
        ),
        "template_unit_blank": (
            "表中没有“单位”列，“{sheet}”表也未填写单位名称：请在“{sheet}”表填写单位名称和年度",
            "the table has no unit column and the workbook's unit sheet names no unit: fill in the unit and year there",
        ),
        "template_many_units": (
            "表中没有“单位”列，而“{sheet}”表填了 {n} 个单位或年度（{names}）：一个填报工作簿只填一个单位、一个年度",
            "the table has no unit column and the workbook's unit sheet names {n} units or years ({names}): a "
            "fill-in workbook holds one unit and one year",
        ),
        "scan_not_parquet": (
            "不是 Parquet 文件，或文件已损坏（逐批读取只用于 Parquet）",
            "not a Parquet file, or a damaged one (reading in batches is for Parquet only)",
        ),
        "scan_long_only": (
            "逐批读取只用于长表：须有单位、指标、数值列（宽表请先转成长表）",
            "reading in batches needs a long table with unit, field and value columns (convert a wide table "
            "to long first)",
        ),
        "blank": ("(空)", "(blank)"),
        "expect_percent": ("百分比，如 96.5%", "a percent such as 96.5%"),
        "expect_count": ("整数，如 12", "a whole number such as 12"),
        "expect_number": ("数值", "a number"),
        "expect_bool": ("是/否", "yes/no"),
        "expect_grade": ("等次", "a grade level"),
        "range_count": ("整数 ≥ 0", "a whole number ≥ 0"),
        # a field in a data problem: its 中文名 as the rubric's dictionary gives it, the id after it
        "field_named": ("{name}（{id}）", "{name} ({id})"),
        "range_finite": ("有限的数", "a finite number"),
        "no_value": ("（无）", "(none)"),
        "constraint_why": ("各指标的值应满足这一关系", "the values should satisfy this relation"),
        "item_value": ("项目 {id}「{name}」的值", "the value of item {id} '{name}'"),
        "value": ("{name} {value}", "{name} {value}"),
        "value_at_row": ("{name} {value}（第 {row} 行）", "{name} {value} (row {row})"),
        "value_at": ("{name} {value}（{file}:{row}）", "{name} {value} ({file}:{row})"),
    },
)

# Annual report files (E-EXTRACT-FILE).
define(
    "report_file",
    {
        "files": ("报告文件（.txt .docx .pdf）", "report files (.txt .docx .pdf)"),
        "old_word": (
            "旧版 Word/WPS 文件无法直接读取：请在 Word 或 WPS 中另存为 .docx",
            "an old Word/WPS file cannot be read directly: save it as .docx in Word or WPS",
        ),
        "binary": (
            "这是二进制文件，不是文本报告（Word 报告请用 .docx，PDF 须含文字层）",
            "this is a binary file, not a text report (use .docx for a Word report; a PDF needs a text layer)",
        ),
        "encoding": (
            "无法识别文字编码（已尝试 UTF-8、UTF-16、GB18030）",
            "cannot tell the text encoding (tried UTF-8, UTF-16, GB18030)",
        ),
        "docx": ("无法打开 Word 文件（.docx）：{error}", "cannot open the Word file (.docx): {error}"),
        "docx_too_large": (
            "Word 文件解压后的正文有 {size} MB，超过上限 {limit} MB（年度报告远小于此，疑为损坏或恶意文件）",
            "the Word file's text unpacks to {size} MB, over the limit of {limit} MB (a report is far smaller: "
            "a damaged or hostile file?)",
        ),
        "docx_too_many": (
            "Word 文件的段落和表格行超过 {limit} 个（年度报告远少于此，疑为损坏或恶意文件）",
            "the Word file holds more than {limit} paragraphs and table rows (a report holds far fewer: "
            "a damaged or hostile file?)",
        ),
        "pdf_encrypted": (
            "PDF 已加密：请另存为不加密的 PDF 或 .docx",
            "the PDF is encrypted: save it as an unencrypted PDF or as .docx",
        ),
        "pdf": ("无法读取 PDF：{error}", "cannot read the PDF: {error}"),
    },
)

# The columns units are grouped by, as messages name them.
define("group", dict(META_NAMES))

# Scoring's warning W-ALONE: the items, their peers, the units without one (and on which items), what they scored.
define(
    "engine",
    {
        "item": ("项目 {id}「{name}」", "item {id} '{name}'"),
        "items": ("{count} 个项目 {items}", "{count} items {items}"),
        "item_named": ("{id}「{name}」", "{id} '{name}'"),
        "peers_year": ("同年度单位", "units of the same year"),
        "peers_within": ("同年度同{group}单位", "units of the same year and {group}"),
        "alone_blank_group": ("{unit}（未填{group}）", "{unit} (no {group} given)"),
        "alone_in_group": ("{unit}（{group}仅此一家有数据）", "{unit} (the only one in {group} with a value)"),
        "alone_in_year": ("{unit}（该年度仅此一家有数据）", "{unit} (the only one that year with a value)"),
        "alone_blank_group_items": ("{unit}（未填{group}，项目 {items}）", "{unit} (no {group} given; items {items})"),
        "alone_in_group_items": (
            "{unit}（{group}仅此一家有数据，项目 {items}）",
            "{unit} (the only one in {group} with a value; items {items})",
        ),
        "alone_in_year_items": (
            "{unit}（该年度仅此一家有数据，项目 {items}）",
            "{unit} (the only one that year with a value; items {items})",
        ),
        "and_more": ("{units} 等（另有 {more} 个）", "{units} and {more} more"),
        "alone_missing": ("按缺数据计 0 分（alone: missing）", "scored as a missing value: 0 (alone: missing)"),
        "alone_missing_full": (
            "按缺数据计满分（alone: missing，missing: full）",
            "scored as a missing value: full points (alone: missing, missing: full)",
        ),
        "alone_zero": ("计 0 分（alone: zero）", "scored 0 (alone: zero)"),
        "alone_full": ("计满分（alone: full）", "given full points (alone: full)"),
    },
)

# The data treatment's warnings (W-TREAT-*): how values were filled in or treated, and where not.
define(
    "treat",
    {
        "how_mean": ("mean，同年度单位的均值", "mean: of the units of the same year"),
        "how_median": ("median，同年度单位的中位数", "median: of the units of the same year"),
        "how_group_mean": (
            "group_mean，同年度同{group}单位的均值",
            "group_mean: of the units of the same year and {group}",
        ),
        "how_group_median": (
            "group_median，同年度同{group}单位的中位数",
            "group_median: of the units of the same year and {group}",
        ),
        "how_previous_year": (
            "previous_year，本单位此前最近一年的值",
            "previous_year: the unit's latest earlier value",
        ),
        "field_count": ("{field} {count}", "{field} {count}"),
        "unit_year": ("{unit} {year}", "{unit} {year}"),
        "no_peer_group": ("{year} 年{group}“{name}”没有单位有值", "{year}: no unit of {group} '{name}' has a value"),
        "blank_group": ("{year} 年 {count} 个单位未填{group}", "{year}: {count} unit(s) without a {group}"),
        "no_peer_year": ("{year} 年没有单位有值", "{year}: no unit has a value"),
        "no_earlier": ("{count} 个单位此前没有一年有值", "{count} unit(s) without an earlier value"),
        "scale": ("，× {scale}", ", × {scale}"),
        "winsorised": ("{year} 年缩尾 {points} 个点", "{year}: {points} point(s) winsorised"),
        "logged": (
            "{year} 年缩尾 {points} 个点仍不合格，改取对数 ln(x − min + 0.01 × (max − min))",
            "{year}: still skewed after {points} point(s) winsorised, log(x − min + 0.01·(max − min)) instead",
        ),
        "imputed": ("插补", "imputed"),
        "winsorised_mark": ("缩尾", "winsorised"),
        "log_mark": ("取对数", "log"),
    },
)
