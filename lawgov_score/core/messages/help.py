"""The command line's help texts (`--help`), zh and en: each command's description and each
option's help, by key.  `cli/help` shows them in the language of the `--lang` given on the
command line (Chinese without one)."""

from __future__ import annotations

from . import define

define(
    "help",
    {
        "cmd.root": (
            "法治政府建设评分工具：按细则给县（市、区）打分、排名、找差距。",
            "Scores rule-of-law government building (法治政府建设) by a rubric: scores, ranks and gaps of "
            "counties (cities, districts).",
        ),
        "opt.version": (
            "显示版本号",
            "Show the version and exit",
        ),
        "opt.unit_part": (
            "单位名称（可写一部分，如“乃东”）",
            "the unit's name (a part of it will do, such as 乃东)",
        ),
        "gaps.top": (
            "只列失分最多的 N 项",
            "list only the N items that lose most",
        ),
        "gaps.path": (
            "到下一等次的路径：fewest 改动项目最少；effort 相对改进最小；none 不算",
            "the path to the next grade: fewest (fewest items changed), effort (least relative "
            "improvement), none (not computed)",
        ),
        "gaps.steps": (
            "只输出路径的各步（CSV 时有用）",
            "print only the path's steps (useful with CSV)",
        ),
        "whatif.set": (
            "指标=数值，可重复；指标写编号或中文名，数值照常填写（95%、是、优；留空为缺）",
            "FIELD=VALUE, repeatable; the field by its id or Chinese name, the value as in a data file "
            "(95%, 是, 优; empty: missing)",
        ),
        "benchmark.against": (
            "对标对象：best（各项最优）、median（中位数）、某单位名称或某市/省/分组名称",
            "compare with: best (the best of each item), median, a unit's name, or a city, province or group",
        ),
        "opt.depth": (
            "只显示到第几级（1 = 一级指标）",
            "show items down to this level only (1 = the first-level items)",
        ),
        "trend.from": (
            "起始年度（默认：终止年度的上一个有数据的年度）",
            "the first year (default: the last year with data before the second)",
        ),
        "trend.to": (
            "终止年度（默认：最近一年）",
            "the second year (default: the latest)",
        ),
        "trend.unit": (
            "列出这个单位各项目的进步、退步和新增失分",
            "list this unit's items that improved, declined or newly lose points",
        ),
        "sens.samples": (
            "抽样次数",
            "how many samples",
        ),
        "sens.seed": (
            "随机种子：同一种子结果相同",
            "random seed: the same seed gives the same result",
        ),
        "sens.perturb": (
            "各项分值（权重）扰动幅度，如 20%",
            "how far each item's points (weights) are perturbed, such as 20%",
        ),
        "sens.perturb_targets": (
            "规则阈值（目标值、下限、档位）扰动幅度，如 10%；默认不扰动",
            "how far the rules' thresholds (targets, floors, bands) are perturbed, such as 10%; default: not at all",
        ),
        "sens.top": (
            "计算进入前 K 名的概率",
            "the probability of being among the first K",
        ),
        "sens.write_samples": (
            "把每次抽样的参数写入文件（.csv 或 .parquet）",
            "write every sample's parameters to this file (.csv or .parquet)",
        ),
        "sens.vary": (
            "变动的方法选项（逗号分隔）：weights、normalisation、aggregation、method（imputation "
            "尚不可用）；给出时按 Sobol 方法计算各选项的敏感性指数",
            "the method choices to vary (comma-separated): weights, normalisation, aggregation, method "
            "(imputation not yet); given, Sobol indices of each choice are computed",
        ),
        "sens.alternatives": (
            "某选项的备选项，如 weights=rubric,equal；可重复",
            "a choice's alternatives, such as weights=rubric,equal; repeatable",
        ),
        "opt.data": (
            "指标文件或目录（CSV/TSV/XLSX/Parquet/JSON）；省略时使用自带样例 samples/",
            "indicator files or folders (CSV/TSV/XLSX/Parquet/JSON); left out: the bundled samples/",
        ),
        "opt.rubric": (
            "细则 YAML；省略时使用自带的 rubrics/shifan.yaml",
            "the rubric (YAML); left out: the bundled rubrics/shifan.yaml",
        ),
        "opt.format": (
            "输出格式；省略时按 -o 的扩展名，否则 table",
            "output format; left out: from the extension of -o, else table",
        ),
        "opt.format_xlsx": (
            "输出格式（xlsx 须用 -o 写入文件）；省略时按 -o 的扩展名，否则 table",
            "output format (xlsx needs -o to name the file); left out: from the extension of -o, else table",
        ),
        "opt.output": (
            "写入文件；省略 -f 时格式按扩展名（.csv .json .md .xlsx .txt），扩展名须与格式相符",
            "write to this file; without -f the format follows the extension (.csv .json .md .xlsx .txt), "
            "which must match the format",
        ),
        "opt.encoding": (
            "CSV 文件的编码：utf-8（带 BOM，Excel/WPS 直接打开）或 gb18030（供不认 BOM 的程序，如 LibreOffice）",
            "encoding of a CSV file: utf-8 (with a BOM: Excel/WPS open it directly) or gb18030 (for "
            "programs that ignore the BOM, such as LibreOffice)",
        ),
        "opt.lang": (
            "表头与提示语言",
            "language of headers and messages",
        ),
        "opt.by": (
            "在组内排名：city（所属市）、province（省份）、level（层级）或 group（分组），中英文均可",
            "rank within groups: city (所属市), province (省份), level (层级) or group (分组), in English or Chinese",
        ),
        "opt.within": (
            "只与同组的单位比较：city（所属市）、province（省份）、level（层级）或 group（分组），中英文均可",
            "compare only with units of the same group: city (所属市), province (省份), level (层级) or "
            "group (分组), in English or Chinese",
        ),
        "opt.debug": (
            "出错时显示 Python 调用栈",
            "show the Python traceback on an error",
        ),
        "opt.year": (
            "只看这一年",
            "this year only",
        ),
        "template.output": (
            "写入的 .xlsx 文件，如 填报模板.xlsx",
            "the .xlsx file to write, such as 填报模板.xlsx",
        ),
        "template.unit": (
            "预先填好的单位名称",
            "the unit's name, filled in beforehand",
        ),
        "template.year": (
            "预先填好的年度",
            "the year, filled in beforehand",
        ),
        "extract.reports": (
            "法治政府建设年度报告（.txt .docx .pdf）或其所在目录",
            "annual reports on rule-of-law government building (.txt .docx .pdf) or their folder",
        ),
        "extract.gold": (
            "标准答案：人工从这些报告读出的指标文件（须有 source 列写明报告文件名）；打印各指标的精确率和召回率",
            "the answers: an indicator file read from these reports by hand (its source column names each "
            "report's file); prints each field's precision and recall",
        ),
        "extract.all": (
            "列出每一处读数，而不只是每个指标的第一处（结果不能直接用于评分）",
            "list every reading, not only each field's first (the result cannot be scored as it is)",
        ),
        "extract.explain": (
            "每个值注明为何读取：所用措辞、语境词和取舍规则（总数优先于部分等）",
            "say why each value was read: the phrasing, the words around it and the rule that chose it (a "
            "total before its parts …)",
        ),
        "extract.year": (
            "报告年度（代替从报告中认出的年度）",
            "the reports' year (instead of the year found in each report)",
        ),
        "normalise.method": (
            "标准化方法（见 docs/methods.md）",
            "the normalisation (see docs/methods.md)",
        ),
        "normalise.field": (
            "只看这个指标",
            "this field only",
        ),
        "methods.by": (
            "在组内比较：city、province、level 或 group",
            "compare within groups: city, province, level or group",
        ),
        "normalise.ddof": (
            "zscore 的标准差：1 样本（默认），0 总体",
            "the standard deviation of zscore: 1 sample (default), 0 population",
        ),
        "normalise.p": (
            "above_below_mean 的 p：均值上下 p 以内计 0",
            "p of above_below_mean: within p of the mean counts 0",
        ),
        "weights.method": (
            "定权方法：entropy 熵权法、critic、std、equal、ahp、combined",
            "how weights are set: entropy, critic, std, equal, ahp, combined",
        ),
        "weights.entropy_data": (
            "熵权法的数据：normalised 按方向极差标准化（默认），raw 原始值",
            "the data entropy weights read: normalised (min-max by direction, default) or raw",
        ),
        "report.output": (
            "写入的 HTML 文件，如 report.html",
            "the HTML file to write, such as report.html",
        ),
        "opt.pool": (
            "各年度合并排名（默认每年单独排名）",
            "rank all years together (default: each year on its own)",
        ),
        "report.by": (
            "在组内排名，与 rank 相同：city、province、level 或 group",
            "rank within groups, as rank does: city, province, level or group",
        ),
        "report.top": (
            "每个单位列出失分最多的 N 项（0 = 全部）",
            "the N items each unit loses most on (0 = all)",
        ),
        "report.png": (
            "另把图表存为 PNG 图片，放在这个目录",
            "also save the charts as PNG images in this folder",
        ),
        "report.title": (
            "报告标题；省略时为“细则名称 评估报告”",
            "the report's title; left out: the rubric's name and 评估报告",
        ),
        "cmd.rubric": (
            "检查与查看细则。",
            "Check and show rubrics.",
        ),
        "rubric.paths": (
            "细则或指标字典 YAML 文件",
            "rubric or field dictionary YAML files",
        ),
        "rubric.strict": (
            "警告也算不通过",
            "a warning fails the check too",
        ),
        "rubric.format": (
            "输出格式：table 或 json；省略时按 -o 的扩展名，否则 table",
            "output format: table or json; left out: from the extension of -o, else table",
        ),
        "rubric.rubric": (
            "细则 YAML；省略时为自带的 rubrics/shifan.yaml",
            "the rubric (YAML); left out: the bundled rubrics/shifan.yaml",
        ),
        "rubric.depth": (
            "只显示到第几级",
            "show items down to this level only",
        ),
        "rubric.method": (
            "只显示评分方法说明（分值和权重如何确定、为什么；报告中的同一段文字）",
            "show only the rubric's method text (how its points and weights were chosen, and why; the same "
            "text as in the report)",
        ),
        "diff.old": (
            "原细则：文件路径，或 git 版本如 main:rubrics/shifan.yaml",
            "the old rubric: a file, or a git revision such as main:rubrics/shifan.yaml",
        ),
        "diff.new": (
            "新细则：文件路径，或 git 版本",
            "the new rubric: a file, or a git revision",
        ),
        "diff.data": (
            "指标文件或目录：给出时比较两份细则下各单位的得分、排名和等次",
            "indicator files or folders: given, the units' scores, ranks and grades under both rubrics are compared",
        ),
        "diff.top": (
            "列出变动最大的 N 个单位",
            "list the N units that change most",
        ),
        "diff.rank_change": (
            "有单位排名变动 N 位及以上时退出码为 1",
            "exit 1 when a unit's rank moves by N places or more",
        ),
        "diff.grade_change": (
            "有单位等次变化时退出码为 1",
            "exit 1 when a unit's grade changes",
        ),
        "diff.format": (
            "输出格式；markdown 可贴进合并请求；csv 为各单位前后的总分、排名和等次（无数据时为变更清单）",
            "output format; markdown pastes into a pull request; csv gives each unit's total, rank and "
            "grade before and after (the list of changes without data)",
        ),
        "score.unit": (
            "只看这个单位",
            "this unit only",
        ),
        "score.status": (
            "只显示这种状态的项目",
            "show only items of this status",
        ),
        "rank.ties": (
            "并列名次的排法：competition 1224（默认）、dense 1223、max 1334、average",
            "how ties are ranked: competition 1224 (default), dense 1223, max 1334, average",
        ),
        "rank.on": (
            "按某一项目（如一级指标 3）的得分排名，而非总分",
            "rank by one item's score (a first-level item such as 3) instead of the total",
        ),
        "rank.dimensions": (
            "列出各一级指标得分",
            "list the first-level items' scores",
        ),
        "rank.scan": (
            "逐批读取长表 Parquet，不整个载入内存（超过 2000 万行时自动如此）",
            "read long Parquet in batches, never loaded whole (done by itself over 20 million rows)",
        ),
        "rank.keep_going": (
            "跳过有错误的文件，只排能读的（逐个列出被跳过的文件及其第一个错误，退出码 1）",
            "skip the files with errors and rank those that read (each skipped file listed with its first "
            "error; exit 1)",
        ),
        "rank.method": (
            "排名方法：wsm 按细则分数（默认）、wpm、topsis、vikor、gra",
            "ranking method: wsm by the rubric's points (default), wpm, topsis, vikor, gra",
        ),
        "synth.output": (
            "写入的文件：.csv（带 BOM）或 .parquet；文件名宜含 synthetic",
            "the file to write: .csv (with a BOM) or .parquet; its name should say synthetic",
        ),
        "synth.units": (
            "单位个数（全国县级约 2843 个）",
            "how many units (the country has about 2843 counties)",
        ),
        "synth.years": (
            "年数",
            "how many years",
        ),
        "synth.last_year": (
            "最后一年",
            "the last year",
        ),
        "synth.seed": (
            "随机种子：同一种子得到完全相同的文件",
            "random seed: the same seed gives the very same file",
        ),
        "cmd.gaps": (
            "找差距：失分项目及原因、满分所需数值、到下一等次的最短路径。\n\n原因分为缺数据（须补佐证）、"
            "未达目标、负面清单扣分和一票否决。路径：--path fewest 改动项目最少，\n--path effort "
            "相对改进最小；路径经重新计分核实。",
            "Where points are lost: the items and why, the values for full points, the shortest path to "
            "the next grade.\n\nCauses: missing data (evidence owed), target not met, negative-list "
            "deductions and veto. Path: --path fewest changes the fewest items, --path effort the least "
            "relative improvement; the path is checked by scoring again.",
        ),
        "cmd.whatif": (
            "假如：改动某些指标后的总分、等次、排名和各项得分。\n\n例：--set 行政机关负责人出庭应诉率=100% "
            "--set major_decision_catalogue=是。按细则重新计分。",
            "What if: total, grade, rank and item scores after changing some values.\n\nFor example: --set "
            "行政机关负责人出庭应诉率=100% --set major_decision_catalogue=是. Scored again by the rubric.",
        ),
        "cmd.benchmark": (
            "对标先进：逐项与最优、中位数、某单位或某市比较。\n\n--against best（各项最优，"
            "并列出最优单位）、median（其余单位中位数）、单位名称、市/省/分组名称（该组中位数）。",
            "Benchmark, item by item, against the best, the median, a unit or a city.\n\n--against best "
            "(the best of each item, with the units that reach it), median (of the other units), a unit's "
            "name, or a city, province or group (its median).",
        ),
        "cmd.trend": (
            "年度变化：总分、排名、等次，进步、退步和新增失分的项目。",
            "Change between years: total, rank, grade, and the items that improved, declined or newly lose points.",
        ),
        "cmd.sensitivity": (
            "排名稳健性：对分值（权重）抽样，看排名和等次是否随之变化。\n\n每个单位给出排名中位数、5%–95% "
            "区间、各等次概率和进入前 K 名的概率。--perturb-targets 同时扰动规则阈值。\n--vary "
            "weights,normalisation,aggregation,method 对方法选择抽样（Saltelli 设计，--samples "
            "为基础样本数），\n并给出各选项的一阶与总效应 Sobol 指数：排名主要取决于哪一项选择。",
            "How robust the ranking is: sample the items' points (weights) and see whether ranks and "
            "grades move.\n\nFor each unit: its median rank, the 5%–95% range, the probability of each "
            "grade and of being among the first K. --perturb-targets perturbs the rules' thresholds too. "
            "--vary weights,normalisation,aggregation,method samples the method choices (Saltelli's "
            "design, --samples base samples) and gives each choice's first-order and total Sobol index: "
            "which choice the ranking mostly rests on.",
        ),
        "cmd.audit": (
            "指标审计：各指标的分布、同级指标的相关、各级的信度（Cronbach α）和第一主成分占比。\n\n"
            "先用文字列出发现（高度相关、负相关、与上级弱相关、异常分布、无差异、满分过多），"
            "再列数字。默认最近一年。",
            "Audit of the indicators: each one's distribution, correlations of siblings, each level's "
            "reliability (Cronbach's α) and first principal component share.\n\nThe findings in words "
            "first (highly correlated, negative, weakly tied to the parent, outliers, no variance, too "
            "many at full points), then the numbers. The latest year by default.",
        ),
        "cmd.template": (
            "按细则生成 Excel 填报模板：单位信息、逐项填报（带下拉和取值校验）、填报说明；\n填好后直接 "
            "`score 填报模板.xlsx`。",
            "An Excel fill-in template made from the rubric: unit information, one row per value (with "
            "drop-downs and checks) and instructions; once filled in, `score 填报模板.xlsx` reads it.",
        ),
        "cmd.extract": (
            "从年度报告中读出指标值，每个值附原文和位置；结果是指标文件，可直接用于 score / rank。\n\n-o "
            "核对表.xlsx 写出核对表：每个值一行，附标出数值的原文、上下文、置信度和空白的“确认”列；\n"
            "填好后 score / rank 读它时只用确认或更正过的行。",
            "Read indicator values from annual reports, each with its quote and place; the result is an "
            "indicator file that score / rank read.\n\n-o 核对表.xlsx writes a review sheet: one row per "
            "value with the quote marked, its context, a confidence and an empty 确认 column; once filled "
            "in, score / rank read only the rows confirmed or corrected.",
        ),
        "cmd.normalise": (
            "把各指标数值在同年度（及同组）单位间标准化：minmax、zscore、rank、percentile 等 13 种方法。",
            "Normalise each field's values among the units of the same year (and group): minmax, zscore, "
            "rank, percentile and 9 more methods.",
        ),
        "cmd.weights": (
            "由数据定权重（熵权法、CRITIC、标准差）、等权、AHP 或主客观组合；-o x.yaml 写出继承原细则的权重细则。",
            "Weights from the data (entropy, CRITIC, standard deviation), equal, AHP or a combination; -o "
            "x.yaml writes a rubric with them that extends the original.",
        ),
        "cmd.report": (
            "生成评估报告（单个 HTML 文件，离线可看）：概况、排名表、热力图、雷达图、差距清单、数据佐证和评分方法。",
            "The evaluation report (one HTML file, readable offline): overview, ranking, heat map, radar "
            "charts, gaps, data with evidence and the scoring method.",
        ),
        "cmd.rubric.check": (
            "检查细则：结构、分值、规则，以及不可能得分、重名、缺佐证等。\n\n每个问题一行：文件:行: 代码: "
            "说明（代码说明见 docs/errors.md）。给目录时检查其中全部 .yaml 文件。\n所查文件有错误（或 "
            "--strict 下有警告；空文件、无法读取的文件也算）时退出码为 1；\n"
            "只有用法不对（给出的路径不存在、目录中没有 .yaml）时为 2。\n细则中 waive: {代码: 理由} "
            "可有意接受某个警告。",
            "Check rubrics: structure, points, rules, and items that can never score, duplicate names, "
            "missing evidence and more.\n\nOne line per problem: file:line: CODE: message (the codes: "
            "docs/errors.md). A folder: every .yaml file in it. Exit 1 when a file checked has an error "
            "(or, with --strict, a warning; an empty or unreadable file counts); exit 2 only for bad usage "
            "(a path that is not there, a folder without .yaml). waive: {CODE: reason} in a rubric accepts "
            "a warning knowingly.",
        ),
        "cmd.rubric.show": (
            "细则的树：编号、名称、分值、所读指标和评分规则。\n\n--method "
            "显示细则自带的评分方法说明（细则的 method 字段，--lang en 时为 method_en），\n即 report "
            "的“评分方法”一节所载的文字。",
            "The rubric's tree: ids, names, points, the fields read and the scoring rules.\n\n--method "
            "shows the rubric's own method text (its method field, method_en with --lang en), the text of "
            "the report's scoring-method section.",
        ),
        "cmd.rubric.diff": (
            "比较两份细则的变化，及其对得分、排名和等次的影响。\n\n按编译后的结构比较，而非文本：新增、"
            "删除、改名、改编号、移动的项目，\n分值、规则、目标、指标、等次、加分上限的变化。\nOLD/NEW "
            "可为文件或 git 版本（main:rubrics/shifan.yaml）。\n给出数据时比较各单位的总分、"
            "排名和等次。门槛未通过时退出码为 1。",
            "Compare two rubrics, and what the change does to scores, ranks and grades.\n\nThe compiled "
            "structures are compared, not the text: items added, removed, renamed, renumbered or moved; "
            "changes of points, rules, targets, fields, grades and bonus cap. OLD/NEW may be files or git "
            "revisions (main:rubrics/shifan.yaml). With data, each unit's total, rank and grade are "
            "compared. Exit 1 when a gate fails.",
        ),
        "cmd.rubric.schema": (
            "打印细则格式的 JSON Schema，供编辑器补全和校验。\n\n细则文件与指标字典文件均适用。细则首行写\n"
            "`# yaml-language-server: $schema=<路径>/rubric.schema.json`\n即可在 VS Code 等编辑器中使用。",
            "Print the JSON Schema of the rubric format, for completion and checks in an editor.\n\nIt "
            "serves rubrics and field dictionaries alike. A first line `# yaml-language-server: "
            "$schema=<path>/rubric.schema.json` lets VS Code and other editors use it.",
        ),
        "cmd.score": (
            "每个单位、每个项目的数值、得分、满分、目标、差距和状态。",
            "Each unit's values, scores, maximum, target, gap and status, item by item.",
        ),
        "cmd.rank": (
            "排名表：总分、得分率、等次、一票否决和各一级指标得分。",
            "The ranked table: total, percent, grade, veto and each first-level item's score.",
        ),
        "cmd.synth": (
            "生成合成（虚构）指标数据，供试用和测试。\n\n细则用到的每个指标都有值；单位名为“合成…”，"
            "佐证与来源列为 synthetic；同一种子得到相同文件。",
            "Synthetic (made-up) indicator data, for trying the tool and for tests.\n\nEvery field the "
            "rubric reads has values; units are named 合成…, evidence and source say synthetic; the same "
            "seed gives the same file.",
        ),
    },
)
