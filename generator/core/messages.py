"""The catalogue of problem codes: severity, message and hint in Vietnamese and English.

Every code a check can emit is listed here once; ``docs/problems.md`` documents each (a test keeps the two
in step). Templates use ``{name}`` placeholders filled from the problem's parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.core.text import shortened


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Message:
    severity: Severity
    vi: str
    en: str
    hint_vi: str
    hint_en: str


E, W = Severity.ERROR, Severity.WARNING

CATALOGUE: dict[str, Message] = {
    # Files and safety
    "no-packages": Message(
        E, "không tìm thấy gói dữ liệu nào trong '{folder}'", "no data package found in '{folder}'",
        "mỗi gói cần một tệp datapackage.yaml (hoặc .json/.yml, hay *.package.yaml)",
        "each package needs a datapackage.yaml (or .json/.yml, or *.package.yaml) file"),
    "encoding": Message(
        E, "tệp không phải UTF-8 (có vẻ là {encoding})", "file is not UTF-8 (it looks like {encoding})",
        "mở tệp và lưu lại với mã hóa UTF-8, ví dụ: iconv -f {encoding} -t UTF-8 tệp.csv > tệp-utf8.csv; hoặc, nếu "
        "đúng là mã hóa ấy, khai báo trong tài nguyên: encoding: {encoding}",
        "re-save the file as UTF-8, e.g.: iconv -f {encoding} -t UTF-8 file.csv > file-utf8.csv; or, if that is its "
        "encoding, declare it in the resource: encoding: {encoding}"),
    "declared-encoding": Message(
        E, "tệp không đọc được theo mã hóa đã khai báo ({encoding})",
        "the file cannot be read in the encoding its resource declares ({encoding})",
        "sửa khóa encoding của tài nguyên cho đúng mã hóa của tệp, hoặc lưu lại tệp với mã hóa UTF-8 và ghi encoding: utf-8",
        "make the resource's encoding key name the file's encoding, or re-save the file as UTF-8 and write "
        "encoding: utf-8"),
    "unsupported-encoding": Message(
        E, "'{value}' không phải bảng mã của một tệp văn bản", "'{value}' is not the character set of a text file",
        "ghi mã hóa thật của tệp (utf-8, windows-1258, iso-8859-1...)",
        "name the file's real encoding (utf-8, windows-1258, iso-8859-1...)"),
    "file-too-large": Message(
        E, "tệp lớn {size} byte, vượt giới hạn {limit} byte", "file is {size} bytes, over the {limit}-byte limit",
        "chia nhỏ tệp, hoặc nâng giới hạn bằng --max-file-bytes nếu tệp này thật sự cần lớn như vậy",
        "split the file, or raise the limit with --max-file-bytes if it really must be this large"),
    "resource-too-large": Message(
        E, "{count} tệp của tài nguyên cộng lại lớn {size} byte, vượt giới hạn {limit} byte của một tệp",
        "the resource's {count} files add up to {size} bytes, over the {limit}-byte limit on one file",
        "chia bảng thành nhiều tài nguyên, hoặc nâng giới hạn bằng --max-file-bytes nếu bảng này thật sự cần lớn "
        "như vậy", "split the table into several resources, or raise the limit with --max-file-bytes if it really "
        "must be this large"),
    "duplicate-part": Message(
        E, "phần {part} của path lặp lại tệp '{target}', đã là phần {first}",
        "part {part} of path repeats the file '{target}', already part {first}",
        "ghi mỗi tệp một lần trong path: xóa phần lặp lại (Frictionless đọc lại tệp ấy, mỗi dòng của nó thành hai "
        "dòng)", "list each file once in path: remove the repeated part (Frictionless reads the file again, each "
        "of its rows twice)"),
    "missing-file": Message(
        E, "không tìm thấy tệp '{target}'", "file '{target}' does not exist",
        "kiểm tra lại đường dẫn (tính từ thư mục của gói) và tên tệp, kể cả chữ hoa/thường",
        "check the path (relative to the package folder) and the file name, including its case"),
    "unsafe-path": Message(
        E, "đường dẫn '{target}' ra ngoài thư mục của gói", "path '{target}' leaves the package folder",
        "dùng đường dẫn tương đối nằm trong thư mục gói; không dùng '..', đường dẫn tuyệt đối hay liên kết tượng trưng",
        "use a relative path inside the package folder; no '..', absolute paths or symbolic links"),
    "remote-path": Message(
        E, "'{target}' là một địa chỉ mạng; việc kiểm tra không tải gì từ mạng",
        "'{target}' is a network address; validation never downloads anything",
        "tải tệp về, đặt vào thư mục của gói và ghi đường dẫn tương đối",
        "download the file into the package folder and give its relative path"),
    # Descriptor and YAML
    "yaml-syntax": Message(
        E, "YAML sai cú pháp: {detail}", "YAML syntax error: {detail}",
        "kiểm tra thụt lề (dùng dấu cách, không dùng tab) và dấu ':' sau mỗi khóa",
        "check the indentation (spaces, not tabs) and the ':' after each key"),
    "json-syntax": Message(
        E, "JSON sai cú pháp: {detail}", "JSON syntax error: {detail}",
        "kiểm tra dấu phẩy, dấu ngoặc và dấu nháy kép", "check the commas, brackets and double quotes"),
    "duplicate-key": Message(
        E, "khóa '{key}' xuất hiện hai lần (lần đầu ở dòng {first_line})",
        "key '{key}' appears twice (first on line {first_line})",
        "xóa hoặc đổi tên một trong hai khóa", "remove or rename one of the two keys"),
    "descriptor-type": Message(
        E, "'{key}' phải là {expected}", "'{key}' must be {expected}",
        "xem định dạng mô tả gói trong docs/data-format.md", "see the descriptor format in docs/data-format.md"),
    "descriptor-missing": Message(
        E, "thiếu khóa bắt buộc '{key}'", "required key '{key}' is missing",
        "thêm khóa '{key}' (xem docs/data-format.md)", "add the key '{key}' (see docs/data-format.md)"),
    "descriptor-name": Message(
        E, "tên '{name}' không hợp lệ", "name '{name}' is not valid",
        "dùng chữ thường không dấu, số, '-', '_' hoặc '.', và không bắt đầu bằng '.'",
        "use lower-case ASCII letters, digits, '-', '_' or '.', and do not start with '.'"),
    "duplicate-name": Message(
        E, "tên '{name}' đã được dùng ở {other}", "name '{name}' is already used in {other}",
        "mỗi gói (và mỗi bảng trong một gói) cần một tên riêng", "each package (and each resource in a package) needs its own name"),
    "reserved-name": Message(
        E, "'{value}' sẽ chiếm {address}, một trang hay tệp của chính trang web",
        "'{value}' would take {address}, a page or file of the site itself",
        "đổi tên (hoặc mã) này; các tên dành riêng có trong docs/problems.md (reserved-name)",
        "rename it (or change the code); the reserved names are listed in docs/problems.md (reserved-name)"),
    "derived-name": Message(
        E, "tài nguyên '{value}' trùng tên với bảng Minh Bạch tạo từ các tệp phiên giám sát ({address})",
        "the resource '{value}' has the name of a table Minh Bạch makes from the session files ({address})",
        "đổi tên tài nguyên; các tên này dành cho các bảng tạo từ tệp phiên: {names}",
        "rename the resource; these names are the tables made from the session files: {names}"),
    "status-code": Message(
        E, "mã trạng thái '{value}' có ký tự ngoài a-z, 0-9, '_' và '-'",
        "status code '{value}' has characters other than a-z, 0-9, '_' and '-'",
        "viết mã bằng chữ thường không dấu, số, '_' hoặc '-' (ví dụ: dinh_hoan) và sửa mọi trạng thái dùng mã ấy "
        "trong các tệp phiên; trang dùng mã làm tên kiểu của nhãn trạng thái",
        "write the code in unaccented lower-case letters, digits, '_' or '-' (e.g. dinh_hoan) and change every "
        "status that uses it in the session files; pages use the code to style the status badge"),
    "name-too-long": Message(
        E, "tên quá dài: tệp {file} tạo từ tên này sẽ có tên dài {size} byte, quá giới hạn {limit} byte của một tên "
        "tệp", "name too long: the file {file} made from it would have a name of {size} bytes, over the {limit}-byte "
        "limit on a file name",
        "rút ngắn tên đi ít nhất {excess} ký tự (tên tệp dài dần theo tên gói và tên bảng)",
        "shorten the name by at least {excess} characters (file names grow with the package's and the table's names)"),
    "address-clash": Message(
        E, "'{value}' và '{first}' ({other}) sẽ có cùng một địa chỉ: {address}",
        "'{value}' and '{first}' ({other}) would get the same address: {address}",
        "đổi một trong hai cho khác hẳn; địa chỉ viết thường, bỏ dấu và thay mọi ký tự khác chữ, số bằng '-' "
        "(SKHĐT và SKHDT, a_b và a-b là một)",
        "rename one of the two so that they differ; an address is in lower case, without diacritics, with '-' "
        "for anything but letters and digits (SKHĐT and SKHDT, a_b and a-b are one)"),
    "unknown-field-type": Message(
        E, "kiểu '{type}' không có trong Table Schema", "type '{type}' is not a Table Schema type",
        "dùng một trong: {allowed}", "use one of: {allowed}"),
    "bad-pattern": Message(
        E, "mẫu '{pattern}' không phải là biểu thức chính quy hợp lệ ({reason})",
        "pattern '{pattern}' is not a valid regular expression ({reason})",
        "sửa mẫu (ví dụ: [0-9]{{4}} cho bốn chữ số) hoặc bỏ ràng buộc pattern",
        "correct the pattern (e.g. [0-9]{{4}} for four digits) or remove the pattern constraint"),
    "pattern-too-slow": Message(
        E, "mẫu '{pattern}' khớp với giá trị '{cell}' quá lâu: Frictionless sẽ kiểm tra mãi không xong",
        "pattern '{pattern}' takes too long to match the value '{cell}': Frictionless would never finish checking it",
        "viết lại mẫu sao cho mỗi đoạn chữ chỉ khớp được theo một cách (ví dụ (a|aa)+ thành a+, ([a-z]+)* thành [a-z]*), hoặc bỏ ràng buộc pattern",
        "rewrite the pattern so that each piece of text can match it one way only (e.g. (a|aa)+ as a+, ([a-z]+)* as [a-z]*), or remove the pattern constraint"),
    "bad-constraint": Message(
        E, "giá trị '{value}' của ràng buộc {constraint} không đọc được theo kiểu {type} của cột",
        "the {constraint} constraint's value '{value}' cannot be read as the column's type, {type}",
        "ghi một giá trị đúng kiểu {type} (ví dụ minimum: 0 cho một cột số) hoặc bỏ ràng buộc",
        "give a value of type {type} (e.g. minimum: 0 for a number column) or remove the constraint"),
    "legacy-license": Message(
        W, "giấy phép theo dạng cũ {{id, url}} của Data Package v1", "licence uses the legacy Data Package v1 form {{id, url}}",
        "đổi 'id' thành 'name' (ví dụ name: CC0-1.0); Minh Bạch vẫn chấp nhận dạng cũ",
        "rename 'id' to 'name' (e.g. name: CC0-1.0); Minh Bạch still accepts the legacy form"),
    # Table data (frictionless error types keep their names)
    "type-error": Message(
        E, "giá trị '{cell}' không đúng kiểu {type}", "value '{cell}' is not of type {type}",
        "sửa ô này cho đúng kiểu ({type}); ô trống nghĩa là không có dữ liệu",
        "correct the cell to match the type ({type}); leave it empty for no data"),
    "constraint-error": Message(
        E, "giá trị '{cell}' vi phạm ràng buộc: {detail}", "value '{cell}' breaks a constraint: {detail}",
        "sửa giá trị cho đúng ràng buộc của cột trong schema", "correct the value to meet the column's constraint in the schema"),
    "primary-key": Message(
        E, "khóa chính bị trùng hoặc trống: {detail}", "primary key is duplicated or empty: {detail}",
        "mỗi dòng cần một khóa riêng; xóa dòng trùng hoặc sửa khóa", "each row needs its own key; remove the duplicate row or fix the key"),
    "unique-error": Message(
        E, "giá trị '{cell}' bị trùng trong cột chỉ cho phép giá trị duy nhất", "value '{cell}' repeats in a unique column",
        "sửa hoặc xóa dòng trùng", "correct or remove the repeated row"),
    "foreign-key": Message(
        E, "'{value}' không có trong {target} (khóa ngoại)", "'{value}' is not in {target} (a foreign key)",
        "dùng một giá trị có trong {target}{choices}{suggestion}, hoặc thêm một dòng có giá trị ấy vào bảng {table}",
        "use a value that exists in {target}{choices}{suggestion}, or add a row with that value to the table {table}"),
    "extra-cell": Message(
        E, "dòng có nhiều ô hơn tiêu đề", "row has more cells than the header",
        "kiểm tra dấu phẩy thừa; ô có dấu phẩy phải đặt trong dấu nháy kép",
        "look for a stray comma; a cell containing a comma must be in double quotes"),
    "missing-cell": Message(
        E, "dòng có ít ô hơn tiêu đề", "row has fewer cells than the header",
        "thêm dấu phẩy cho các ô trống ở cuối dòng", "add commas for the empty cells at the end of the row"),
    "blank-row": Message(
        E, "dòng trống", "blank row", "xóa dòng trống", "remove the blank row"),
    "blank-label": Message(
        E, "cột thiếu tên trong dòng tiêu đề", "a column has no name in the header", "đặt tên cho cột", "name the column"),
    "duplicate-label": Message(
        E, "tên cột bị trùng: {detail}", "duplicate column name: {detail}", "đổi tên một trong hai cột", "rename one of the columns"),
    "incorrect-label": Message(
        E, "tiêu đề cột không khớp schema: {detail}", "header does not match the schema: {detail}",
        "sửa dòng tiêu đề của tệp CSV cho khớp tên các trường trong schema (đúng thứ tự){decomposed}",
        "make the CSV header match the schema's field names, in order{decomposed}"),
    "missing-label": Message(
        E, "thiếu cột trong dòng tiêu đề: {detail}", "header is missing a column: {detail}",
        "thêm cột vào tệp CSV hoặc xóa trường khỏi schema", "add the column to the CSV or remove the field from the schema"),
    "extra-label": Message(
        E, "dòng tiêu đề có cột không có trong schema: {detail}", "header has a column that is not in the schema: {detail}",
        "thêm trường vào schema hoặc xóa cột khỏi tệp CSV", "add the field to the schema or remove the column from the CSV"),
    "frictionless": Message(
        E, "Frictionless báo lỗi {type}: {detail}", "Frictionless reports {type}: {detail}",
        "đọc mô tả lỗi; xem https://framework.frictionlessdata.io/docs/errors/ (bản ghi trong tài liệu)",
        "read the description; the error types are listed in the Frictionless documentation"),
    # Cross-package and domain rules
    "unknown-reference": Message(
        E, "'{value}' không có trong {target}", "'{value}' is not in {target}",
        "dùng một mã có trong {target}{choices}{suggestion}", "use a code that exists in {target}{choices}{suggestion}"),
    "surrounding-space": Message(
        E, "'{value}' có khoảng trắng ở đầu hoặc cuối: trong một cột khóa, đó là một mã khác với '{bare}'",
        "'{value}' has blank space before or after it: in a key column, that is another code than '{bare}'",
        "xóa khoảng trắng trước và sau '{bare}' trong ô này; những chỗ khác ghi '{bare}' thì đã đúng",
        "delete the space before and after '{bare}' in this cell; the places that write '{bare}' are right"),
    "spaced-key": Message(
        W, "'{value}' có khoảng trắng ở đầu hoặc cuối: trong một cột khóa, đó là một mã khác với '{bare}'; nó được "
        "công bố đúng như được viết", "'{value}' has blank space before or after it: in a key column, that is another "
        "code than '{bare}'; it is published as written",
        "nếu khoảng trắng không cố ý, xóa nó trong ô này", "if the space is not meant, delete it in this cell"),
    "unchecked-reference": Message(
        W, "các giá trị tham chiếu tới {target} chưa được kiểm tra: không đọc được bảng {table}",
        "the values referring to {target} were not checked: the table {table} could not be read",
        "sửa lỗi đọc tệp {file} trước (được báo ở tệp ấy); lần kiểm tra sau sẽ kiểm tra các giá trị này",
        "first fix what stops {file} from being read (reported at that file); the next run checks these values"),
    "unknown-column": Message(
        E, "cột '{value}' không có trong bảng {table}", "column '{value}' is not in the table {table}",
        "ghi tên một cột của bảng này: {columns}", "name one of this table's columns: {columns}"),
    "duplicate-role": Message(
        E, "vai trò '{role}' đã được khai báo ở {other}", "role '{role}' is already claimed in {other}",
        "mỗi vai trò chỉ một gói giữ, và trang chỉ đọc {other}: xóa x-minhbach.role ở gói này hoặc ở gói kia",
        "one package per role, and the site reads only {other}: remove x-minhbach.role here or there"),
    "unknown-role": Message(
        E, "vai trò '{role}' không phải vai trò nào trang đọc", "'{role}' is not a role the site reads",
        "dùng một trong các vai trò {roles}{suggestion}; gói không cần vai trò thì xóa x-minhbach.role (gói vẫn "
        "được công bố trong danh mục dữ liệu)",
        "use one of the roles {roles}{suggestion}; a package that needs no role removes x-minhbach.role (it is "
        "still published in the data catalogue)"),
    "invalid-value": Message(
        E, "'{value}' không phải {expected}", "'{value}' is not {expected}",
        "sửa giá trị; ví dụ hợp lệ: {example}", "correct the value; a valid example: {example}"),
    "missing-value": Message(
        E, "thiếu '{key}'{within}", "'{key}' is missing{within}", "thêm '{key}' (xem docs/data-format.md)",
        "add '{key}' (see docs/data-format.md)"),
    "unknown-key": Message(
        W, "khóa '{key}' không được dùng và sẽ bị bỏ qua", "key '{key}' is not used and will be ignored",
        "kiểm tra lỗi chính tả; các khóa hợp lệ: {allowed}", "check the spelling; valid keys: {allowed}"),
    "duplicate-id": Message(
        E, "mã '{value}' đã dùng {other}", "id '{value}' is already used {other}",
        "mỗi mã phải là duy nhất; đổi mã này", "each id must be unique; change this one"),
    "history-order": Message(
        E, "lịch sử trạng thái không theo thứ tự ngày ({value} sau {previous})",
        "status history is not in date order ({value} after {previous})",
        "sắp xếp các mục status_history từ cũ đến mới", "list status_history entries from oldest to newest"),
    "date-before-session": Message(
        E, "ngày {value} sớm hơn ngày phiên giám sát {session_date}", "date {value} is before the session date {session_date}",
        "kiểm tra lại ngày; hạn và các mốc trạng thái không thể trước phiên", "check the date; deadlines and status changes cannot precede the session"),
    "future-date": Message(
        E, "ngày {value} sau ngày xây dựng trang {build_date}", "date {value} is after the build date {build_date}",
        "sửa ngày, hoặc đánh dấu 'planned: true' nếu đây là việc dự kiến",
        "correct the date, or mark it 'planned: true' if it is scheduled"),
    "planned-past": Message(
        W, "được ghi là dự kiến ('planned: true') nhưng ngày {value} đã đến (ngày xây dựng {build_date}): trang ghi "
        "là đã diễn ra, kèm 'suy đoán'", "marked planned ('planned: true') but its date {value} has come (build date "
        "{build_date}): the pages show it as held, flagged 'inferred'",
        "nếu đã diễn ra theo một nguồn: xóa 'planned: true' (và thêm nguồn); nếu chưa xác nhận: xóa 'planned: true', "
        "thêm 'flags: inferred' và 'date_note_vi' nói điều chưa rõ; nếu bị dời: sửa ngày",
        "if a source says it took place, remove 'planned: true' (and add the source); if not confirmed, remove "
        "'planned: true', add 'flags: inferred' and a 'date_note_en' saying what is not known; if it was moved, "
        "correct the date"),
    "status-without-evidence": Message(
        E, "thay đổi trạng thái '{value}' không có bằng chứng hay ghi chú",
        "status change '{value}' has neither evidence nor a note",
        "thêm 'evidence: <source_id>' hoặc 'note_vi' giải thích căn cứ", "add 'evidence: <source_id>' or a 'note_vi' explaining the basis"),
    "number-without-source": Message(
        E, "dòng nêu con số ({fields}) nhưng không có nguồn", "row states a number ({fields}) but has no source",
        "điền source_id (mã trong datasets/nguon/data/sources.csv)", "fill source_id (an id from datasets/nguon/data/sources.csv)"),
    "non-finite-number": Message(
        E, "'{value}' không phải là một số mà trang có thể nêu, xếp hạng hay vẽ (NaN, vô cực, hoặc quá lớn)",
        "'{value}' is not a number the site can state, rank or draw (NaN, an infinity, or too large)",
        "ghi con số mà nguồn công bố; nếu nguồn không nêu số, để trống (trang hiện khoảng trống, không"
        " hiện 0) và ghi lý do trong ghi chú",
        "write the number the source states; if it states none, leave it empty (the site shows a gap, never"
        " a zero) and say why in a note"),
    "missing-english": Message(
        W, "thiếu bản tiếng Anh của '{key}'", "English text for '{key}' is missing",
        "thêm '{key_en}'; trang tiếng Anh sẽ hiện bản tiếng Việt kèm ghi chú cho đến khi có",
        "add '{key_en}'; the English page shows the Vietnamese text with a marker until then"),
    "formula-like": Message(
        W, "văn bản bắt đầu bằng '{char}' có thể bị bảng tính hiểu là công thức (trong tệp CSV tải về)",
        "text starts with '{char}' and a spreadsheet may run it as a formula (in the downloaded CSV)",
        "nếu đúng là văn bản, diễn đạt lại để nó không bắt đầu bằng '{char}' (thêm khoảng trắng hay tab phía trước "
        "không đủ: bảng tính bỏ qua chúng)", "if it really is text, reword it so that it does not start with '{char}' "
        "(a space or a tab before it is not enough: spreadsheets skip them)"),
    # Issue 15, read side: limits on what a file may hold, nothing dropped in silence, formats as Frictionless
    # reads them. Each limit is in generator/core/read/limits.py and docs/problems.md.
    "yaml-alias": Message(
        E, "tệp dữ liệu không được dùng alias YAML ('*{name}'; có {count} alias trong tệp)",
        "YAML aliases are not allowed in data files ('*{name}'; {count} in this file)",
        "viết đầy đủ giá trị thay cho alias (*tên) và anchor (&tên): vài dòng alias lồng nhau có thể nở ra hàng GB",
        "write the value out in full instead of an alias (*name) and anchor (&name): a few nested aliases can expand to gigabytes"),
    "foreign-package": Message(
        E, "khóa ngoại trỏ sang gói khác ('{package}'): Frictionless không kiểm tra được khóa giữa các gói",
        "a foreign key points into another package ('{package}'): Frictionless cannot check keys across packages",
        "khai báo khóa này trong x-minhbach.references của tài nguyên (docs/data-format.md, mục Tham chiếu chéo "
        "gói): Minh Bạch kiểm tra nó với gói kia trong thư mục datasets",
        "declare this key in the resource's x-minhbach.references instead (docs/data-format.md, Cross-package "
        "references): Minh Bạch checks it against the other package in the datasets folder"),
    "yaml-ambiguous": Message(
        E, "giá trị {value} viết không có dấu nháy có hai nghĩa: Minh Bạch đọc là {ours}, còn Frictionless (và các công "
        "cụ đọc YAML theo chuẩn cũ) đọc là {theirs}", "the unquoted value {value} means two things: Minh Bạch reads "
        "{ours}, Frictionless (and other readers of the older YAML standard) read {theirs}",
        "viết true hoặc false cho giá trị đúng/sai, số thì viết như JSON (ví dụ 8 hay 1000); nếu là văn bản thì đặt "
        "trong dấu nháy: \"{value}\"", "write true or false for a yes/no value, a number as JSON writes it (8 or 1000, "
        "say); if it is text, put it in quotes: \"{value}\""),
    "yaml-merge-key": Message(
        E, "tệp mô tả không được dùng khóa gộp YAML '<<': Frictionless gộp các khóa bên trong nó vào bảng ánh xạ "
        "chứa nó, còn Minh Bạch đọc nó là một khóa tên '<<'", "the YAML merge key '<<' is not allowed in a "
        "descriptor: Frictionless merges the keys inside it into the mapping that holds it, while Minh Bạch reads a "
        "key named '<<'",
        "viết thẳng từng khóa bên trong '<<' vào bảng ánh xạ chứa nó (ví dụ 'title: T' thay cho '<<: {{title: T}}'), "
        "rồi xóa dòng '<<'", "write each key inside '<<' out in the mapping that holds it ('title: T' instead of "
        "'<<: {{title: T}}', say), then remove the '<<' line"),
    "too-deep": Message(
        E, "cấu trúc lồng nhau quá {limit} cấp", "nesting deeper than {limit} levels",
        "làm phẳng cấu trúc; mô tả gói và hồ sơ giám sát chỉ cần khoảng 8 cấp",
        "flatten the structure; a descriptor or a session needs about 8 levels"),
    "control-character": Message(
        E, "có ký tự điều khiển hoặc ký tự ẩn {char}", "control or invisible character {char}",
        "xóa ký tự {char} (nhiều trình soạn thảo chỉ hiện nó khi bật hiển thị ký tự ẩn): nó không in ra gì, hoặc đảo "
        "thứ tự hay ngụy trang phần chữ quanh nó; nó thường đến từ việc dán từ PDF, Word, trang web hoặc từ tệp sai "
        "mã hóa", "delete the {char} (many editors show it only with invisible characters made visible): it prints "
        "nothing, or reorders or disguises the text around it; it usually comes from pasting out of a PDF, a Word "
        "file or a web page, or from a wrong encoding"),
    # A right-to-left mark with nothing written right to left around it (checks/marks.py): an error where the site
    # reads the text as its own, a warning in a package it only publishes
    "direction-mark": Message(
        E, "văn bản có dấu chiều viết {char} nhưng không có chữ nào viết từ phải sang trái: dấu ấy không hiện ra, mà "
        "đảo thứ tự các số và dấu quanh nó trên trang", "the text holds the direction mark {char} but nothing written "
        "right to left: the mark does not show, yet it reorders the numbers and signs around it on the page",
        "xóa {char} ở ký tự thứ {position} ({around}) và mọi dấu như vậy trong văn bản này ({count} dấu; nhiều trình "
        "soạn thảo chỉ hiện chúng khi bật hiển thị ký tự ẩn): chỉ văn bản có chữ Ả Rập, Do Thái... mới cần chúng",
        "delete the {char} at character {position} ({around}) and every such mark in this text ({count} in all; "
        "many editors show them only with invisible characters made visible): only text with Arabic, Hebrew... "
        "letters needs them"),
    "stray-direction-mark": Message(
        W, "văn bản có dấu chiều viết {char} nhưng không có chữ nào viết từ phải sang trái: dấu ấy không hiện ra, mà "
        "đảo thứ tự các số và dấu quanh nó trên trang; văn bản được công bố đúng như được viết", "the text holds the "
        "direction mark {char} but nothing written right to left: the mark does not show, yet it reorders the numbers "
        "and signs around it on the page; the text is published as written",
        "nếu dấu ấy không cố ý, xóa {char} ở ký tự thứ {position} ({around}) và mọi dấu như vậy trong văn bản này "
        "({count} dấu; nhiều trình soạn thảo chỉ hiện chúng khi bật hiển thị ký tự ẩn)",
        "if the mark is not meant, delete the {char} at character {position} ({around}) and every such mark in this "
        "text ({count} in all; many editors show them only with invisible characters made visible)"),
    "too-many-columns": Message(
        E, "có {count} cột, quá giới hạn {limit} cột", "{count} columns, over the limit of {limit}",
        "kiểm tra dấu phân cách (delimiter) và dòng tiêu đề; một bảng rộng như vậy nên chia thành nhiều bảng",
        "check the delimiter and the header line; a table this wide should be split into several"),
    "cell-too-large": Message(
        E, "một ô dài quá {limit} ký tự (hoặc thiếu dấu nháy đóng từ đây)",
        "a cell is longer than {limit} characters (or a closing quote is missing from here on)",
        "kiểm tra dấu nháy kép quanh ô; văn bản dài nên để trong một tài liệu và dẫn liên kết",
        "check the double quotes around the cell; long text belongs in a document the table links to"),
    "text-too-large": Message(
        E, "một văn bản dài quá {limit} ký tự", "a text is longer than {limit} characters",
        "viết ngắn lại: văn bản dài nên để trong một tài liệu và dẫn tới nó qua sources",
        "shorten it: long text belongs in a document the session points to through its sources"),
    "part-header": Message(
        E, "dòng đầu của phần này không phải dòng tiêu đề '{header}' của phần đầu: Frictionless coi nó là tiêu đề "
        "và bỏ qua", "this part's first line is not the first part's header '{header}': Frictionless takes it for "
        "a header and drops it",
        "mỗi phần của một tài nguyên nhiều tệp bắt đầu bằng cùng dòng tiêu đề: thêm dòng đó vào đầu tệp này",
        "each part of a multipart resource starts with the same header line: add it at the top of this file"),
    "unsupported-dialect": Message(
        E, "Minh Bạch không đọc tệp theo '{key}' của dialect", "Minh Bạch does not read files by the dialect's '{key}'",
        "bỏ '{key}' và viết tệp thẳng: xóa các dòng chú thích, để dòng tiêu đề là dòng đầu tiên "
        "(Frictionless sẽ kiểm tra những dòng khác với những dòng được công bố)",
        "remove '{key}' and write the file plainly: delete the comment lines, make the header the first line "
        "(Frictionless would check other lines than those published)"),
    "header-row": Message(
        E, "Frictionless tự đoán dòng {guessed} là dòng tiêu đề: dòng 1 có {first} ô, dòng {guessed} có {cells} ô như "
        "phần lớn các dòng", "Frictionless, left to guess, takes line {guessed} for the header: line 1 has {first} "
        "cells, line {guessed} has {cells}, as most rows do",
        "xóa các dòng phía trên dòng tiêu đề (tên bảng, chú thích): Minh Bạch đọc dòng đầu tiên là dòng tiêu đề; nếu "
        "dòng 1 đúng là tiêu đề, ghi trong tài nguyên dialect: {{header: true}}",
        "delete the lines above the header (a title, a comment): Minh Bạch reads the first line as the header; if line "
        "1 is the header, write dialect: {{header: true}} in the resource"),
    "spaced-labels": Message(
        W, "các tên cột sau dấu phân cách bắt đầu bằng khoảng trắng ('{label}'): tên cột được đọc không kèm khoảng "
        "trắng, nhưng ô chữ giữ khoảng trắng của nó và được công bố như vậy", "the column names after the delimiter "
        "start with a space ('{label}'): the names are read without it, but a text cell keeps its own and is "
        "published with it",
        "xóa khoảng trắng sau dấu phân cách, hoặc khai báo trong tài nguyên: dialect: {{skipInitialSpace: true}}",
        "remove the spaces after the delimiters, or declare in the resource: dialect: {{skipInitialSpace: true}}"),
    "other-delimiter": Message(
        E, "dòng tiêu đề đọc thành một cột '{label}': tệp phân cách bằng '{found}', không phải '{delimiter}'",
        "the header reads as one column '{label}': the file is separated by '{found}', not '{delimiter}'",
        "khai báo trong tài nguyên: dialect: {{delimiter: \"{found}\"}} (hoặc lưu lại tệp với dấu phẩy)",
        "declare it in the resource: dialect: {{delimiter: \"{found}\"}} (or save the file again with commas)"),
    "csv-error": Message(
        E, "không đọc được CSV từ dòng này: {detail}", "the CSV cannot be read from this line on: {detail}",
        "kiểm tra dấu nháy kép và dấu phân cách ở dòng này: dấu nháy trong một ô được viết đôi (\"\"); nếu tệp "
        "viết nó sau dấu gạch chéo ngược (\\\"), khai báo dialect: {{escapeChar: \"\\\\\"}}",
        "check the double quotes and delimiters on this line: a quote inside a cell is written twice (\"\"); if the "
        "file writes it after a backslash (\\\"), declare dialect: {{escapeChar: \"\\\\\"}}"),
    "empty-file": Message(
        E, "tệp '{target}' rỗng hoặc chỉ có chú thích", "file '{target}' is empty or holds only comments",
        "điền nội dung, hoặc xóa hẳn tệp nếu không cần nữa (nhật ký thay đổi sẽ ghi lại việc xóa)",
        "fill it in, or delete the file if it is no longer wanted (the change log records the removal)"),
    "no-descriptor": Message(
        E, "thư mục '{folder}' có dữ liệu ({files}) nhưng không có tệp mô tả gói",
        "folder '{folder}' holds data ({files}) but no package descriptor",
        "thêm datapackage.yaml (minhbach new package), hoặc chuyển các tệp vào thư mục của một gói",
        "add a datapackage.yaml (minhbach new package), or move the files into a package's folder"),
    "skipped-package": Message(
        W, "gói này nằm trong '{folder}', một thư mục ẩn hay của công cụ mà Minh Bạch không đọc: nó sẽ không được "
        "công bố", "this package is in '{folder}', a hidden or tool folder Minh Bạch never reads: it would not be "
        "published",
        "để công bố nó: chuyển thư mục của gói ra chỗ khác trong datasets/ (tên không bắt đầu bằng dấu chấm, không "
        "phải node_modules, __pycache__ hay .cache); nếu không: chuyển nó ra khỏi datasets/",
        "to publish it, move the package's folder elsewhere in datasets/ (a name that does not start with a dot, "
        "not node_modules, __pycache__ or .cache); if not, move it out of datasets/"),
    "no-sessions": Message(
        E, "mẫu '{pattern}' (x-minhbach.records.sessions) không khớp tệp phiên nào: trang sẽ không có phiên giám sát "
        "nào; các tệp YAML trong gói: {files}",
        "the pattern '{pattern}' (x-minhbach.records.sessions) matches no session file: the site would publish no "
        "supervision session; YAML files in the package: {files}",
        "sửa mẫu cho khớp tên các tệp phiên, tính từ thư mục của gói (mặc định sessions/*.yaml); gói giám sát mới "
        "chưa có phiên: thêm phiên đầu tiên bằng minhbach new session --date YYYY-MM-DD",
        "make the pattern match the session files' names, from the package folder (default sessions/*.yaml); a new "
        "supervision package with no session yet: add the first with minhbach new session --date YYYY-MM-DD"),
    "unread-file": Message(
        W, "tệp nằm trong thư mục phiên '{folder}' nhưng mẫu '{pattern}' không đọc nó: phiên trong tệp sẽ không được "
        "công bố", "the file is in the sessions folder '{folder}' but the pattern '{pattern}' does not read it: a "
        "session in it would not be published",
        "nếu là một phiên: đổi tên hoặc chuyển tệp cho khớp mẫu '{pattern}' (đuôi .yaml viết thường); nếu không: "
        "chuyển nó ra khỏi '{folder}'",
        "if it is a session, rename or move the file to match the pattern '{pattern}' (a lower-case .yaml name); if "
        "not, move it out of '{folder}'"),
    "unsupported-format": Message(
        E, "định dạng '{format}' của '{target}' không được hỗ trợ", "format '{format}' of '{target}' is not supported",
        "xuất bảng ra CSV UTF-8 (Excel/LibreOffice: Lưu thành → CSV UTF-8, mỗi trang tính một tài nguyên); "
        "các định dạng đọc được: csv, tsv, json, jsonl, ndjson (có thể nén gz, zip, bz2, xz)",
        "export the table as UTF-8 CSV (Excel/LibreOffice: Save As → CSV UTF-8, one sheet per resource); "
        "readable formats: csv, tsv, json, jsonl, ndjson (optionally compressed: gz, zip, bz2, xz)"),
    "format-case": Message(
        E, "định dạng '{format}' của '{target}' viết hoa: Frictionless chỉ nhận tên định dạng viết thường, nên không "
        "kiểm tra tệp như một bảng (không dòng nào được kiểm tra, hoặc định dạng bị từ chối)",
        "format '{format}' of '{target}' is written in capitals: Frictionless knows format names in lower case only, "
        "so it would not check the file as a table (no row checked, or the format refused)",
        "viết '{lower}' bằng chữ thường: format: {lower}", "write '{lower}' in lower case: format: {lower}"),
    "json-not-table": Message(
        W, "tài nguyên JSON '{target}' thiếu 'type: table'; Minh Bạch vẫn kiểm tra nó như một bảng",
        "JSON resource '{target}' has no 'type: table'; Minh Bạch checks it as a table anyway",
        "thêm 'type: table': không có nó, các công cụ Frictionless khác không kiểm tra các dòng của tệp",
        "add 'type: table': without it, other Frictionless tools do not check the file's rows"),
    "not-a-table": Message(
        W, "tài nguyên '{name}' khai báo 'type: {type}': Frictionless không kiểm tra dòng nào của nó, nên Minh Bạch "
        "không đọc và không công bố nó (không có trong trang danh mục, các tệp tải về và datapackage.json)",
        "resource '{name}' is declared 'type: {type}': Frictionless checks none of its rows, so Minh Bạch neither "
        "reads nor publishes it (it is not on the catalogue page, in the downloads or in datapackage.json)",
        "bỏ 'type: {type}' để các dòng của nó được kiểm tra và công bố như một bảng",
        "remove 'type: {type}' to have its rows checked and published as a table"),
    "non-table-resource": Message(
        W, "tài nguyên '{name}' ('{target}', định dạng '{format}') không phải một bảng: Minh Bạch chỉ công bố bảng, "
        "nên không đọc và không công bố tệp này (nó không có trong trang danh mục, các tệp tải về và "
        "datapackage.json); phần còn lại của gói vẫn được công bố",
        "resource '{name}' ('{target}', format '{format}') is not a table: Minh Bạch publishes tables only, so it "
        "neither reads nor publishes this file (it is not on the catalogue page, in the downloads or in "
        "datapackage.json); the rest of the package is published",
        "không cần sửa nếu tệp không cần có trên trang; để người đọc tìm được nó, công bố nó ở nơi khác và ghi "
        "địa chỉ vào homepage hay sources của gói; nếu nó là một bảng, xuất nó ra CSV UTF-8 (các định dạng đọc "
        "được: csv, tsv, json, jsonl, ndjson)",
        "nothing to fix if the file need not be on the site; to let readers find it, publish it elsewhere and give "
        "its address in the package's homepage or sources; if it is a table, export it as UTF-8 CSV (readable "
        "formats: csv, tsv, json, jsonl, ndjson)"),
    "key-into-not-table": Message(
        E, "khóa ngoại tra giá trị trong tài nguyên '{resource}' ({declared}), mà Frictionless không đọc như một "
        "bảng: không có dòng nào của nó để tra",
        "the foreign key looks values up in resource '{resource}' ({declared}), which Frictionless does not read as "
        "a table: it has no rows to look them up in",
        "bỏ 'type: {type}' khỏi tài nguyên '{resource}' để nó được đọc và kiểm tra như một bảng",
        "remove 'type: {type}' from resource '{resource}' to have it read and checked as a table"),
    "multipart-json": Message(
        E, "tài nguyên JSON '{target}' gồm {count} tệp: Frictionless chỉ đọc và kiểm tra tệp cuối cùng ('{last}'), "
        "các dòng của những tệp kia sẽ được công bố mà không được kiểm tra",
        "JSON resource '{target}' is made of {count} files: Frictionless reads and validates the last one alone "
        "('{last}'), so the rows of the others would be published unvalidated",
        "gộp các phần thành một tệp JSON; hoặc ghi chúng thành NDJSON (mỗi dòng một đối tượng, đuôi .ndjson: "
        "Frictionless đọc mọi phần), hoặc thành CSV",
        "merge the parts into one JSON file; or write them as NDJSON (one object a line, a .ndjson name: "
        "Frictionless reads every part), or as CSV"),
    "json-not-tabular": Message(
        E, "không đọc được bảng từ JSON: {detail}", "no table can be read from the JSON: {detail}",
        "dữ liệu phải là một mảng các đối tượng (mỗi dòng một đối tượng) hoặc các mảng (mảng đầu là tiêu đề)",
        "the data must be an array of objects (one per row) or of arrays (the first is the header)"),
    "empty-data": Message(
        E, "dữ liệu nội tuyến (data) của bảng '{resource}' trống: không có dòng tiêu đề, không có dòng dữ liệu nào",
        "the inline data of table '{resource}' is empty: no header row and no rows",
        "ghi dòng tiêu đề rồi mỗi dòng dữ liệu một danh sách, ví dụ data: [[id, ten], [1, An]] (hoặc mỗi dòng một "
        "đối tượng: data: [{{id: 1, ten: An}}]); hoặc để bảng trong một tệp CSV và ghi path thay cho data",
        "write the header row, then one list per data row, e.g. data: [[id, name], [1, An]] (or one object per "
        "row: data: [{{id: 1, name: An}}]); or keep the table in a CSV file and write path instead of data"),
    "compression-error": Message(
        E, "không giải nén được '{target}' ({compression}): {detail}", "cannot decompress '{target}' ({compression}): {detail}",
        "nén lại tệp (gz, zip, bz2 hoặc xz; không đặt mật khẩu), hoặc đăng tệp CSV không nén",
        "compress the file again (gz, zip, bz2 or xz; no password), or publish the CSV uncompressed"),
    "decompressed-too-large": Message(
        E, "'{target}' sau khi giải nén lớn hơn {limit} byte", "'{target}' is over {limit} bytes once decompressed",
        "chia nhỏ bảng, hoặc nâng giới hạn bằng --max-file-bytes nếu tệp này thật sự cần lớn như vậy",
        "split the table, or raise the limit with --max-file-bytes if it really must be this large"),
    "zip-member": Message(
        E, "không đọc được '{member}' trong tệp zip '{target}'", "cannot read '{member}' in the zip archive '{target}'",
        "đặt 'innerpath' là tệp bảng trong zip; các tệp có trong đó: {members}",
        "set 'innerpath' to the table's file inside the archive; it holds: {members}"),
    "encoding-in-archive": Message(
        E, "tệp trong '{target}' không phải UTF-8 (có vẻ là {encoding})",
        "the file inside '{target}' is not UTF-8 (it looks like {encoding})",
        "giải nén, chuyển sang UTF-8 rồi nén lại, ví dụ: gunzip -c tệp.csv.gz | iconv -f {encoding} -t UTF-8 | gzip > tệp-utf8.csv.gz",
        "decompress, convert to UTF-8 and compress again, e.g.: gunzip -c file.csv.gz | iconv -f {encoding} -t UTF-8 | gzip > file-utf8.csv.gz"),
    # Site safety (issue 15, the site side): what data may never make the site do
    "unsafe-url": Message(
        E, "địa chỉ '{value}' không được phép: trang chỉ đăng liên kết {allowed}",
        "address '{value}' is not allowed: the site only links to {allowed} addresses",
        "dùng địa chỉ đầy đủ bắt đầu bằng https:// (hoặc http://, mailto:), hoặc để trống; địa chỉ javascript:, data: hay file: chạy mã hoặc mở tệp trên máy người đọc",
        "use a full address starting with https:// (or http://, mailto:), or leave it empty; javascript:, data: or file: addresses run code or open files on the reader's machine"),
    "uncorrected-change": Message(
        E, "{what} đã công bố ở bản {version} bị sửa hoặc xóa mà không có ghi chú đính chính: {before} → {after}",
        "{what}, published in {version}, was changed or removed without a correction note: {before} → {after}",
        "nếu đây là sửa một lỗi, thêm một mục vào x-minhbach.corrections trong {descriptor} (resource và key, hoặc record; note_vi, note_en: vì sao); nếu là số liệu mới, thêm dòng hay mốc trạng thái mới thay vì sửa cái đã công bố",
        "if this corrects an error, add an entry to x-minhbach.corrections in {descriptor} (resource and key, or record; note_vi, note_en: why); if it is new data, add a row or a status entry instead of changing a published one"),
    "correction-unused": Message(
        W, "đính chính '{what}' không khớp với giá trị nào bị sửa hay xóa kể từ bản {version}",
        "correction '{what}' matches no value changed or removed since {version}",
        "kiểm tra resource và key (giá trị viết như trong tệp CSV, ví dụ year: \"2023\") hoặc mã record; xóa mục này nếu không cần",
        "check the resource and key (values as the CSV file writes them, e.g. year: \"2023\") or the record id; remove the entry if it is not needed"),
}

# Words that problem parameters name by a code, so that a problem is data and is worded only when printed
# (in the language asked for): {expected} and {example} are looked up here; other values print as they are.
TERMS: dict[str, tuple[str, str]] = {
    "mapping": ("một bảng khóa/giá trị", "a mapping"),
    "non-empty-list": ("một danh sách không rỗng", "a non-empty list"),
    "list": ("một danh sách", "a list"),
    "field-object": ("một đối tượng {name, type}", "an object {name, type}"),
    "text": ("văn bản", "text"),
    "file-path": ("đường dẫn tới một tệp trong thư mục gói (hoặc một danh sách các đường dẫn ấy)",
                  "the path of a file in the package folder (or a list of such paths)"),
    "non-empty-text": ("một đoạn chữ không rỗng", "non-empty text"),
    "one-character": ("đúng một ký tự", "exactly one character"),
    "a-line-of-text": ("một dòng chữ", "a line of text"),
    "date": ("một ngày YYYY-MM-DD", "a YYYY-MM-DD date"),
    "code-list": ("một danh sách mã", "a list of codes"),
    # what to do about a common mistake Frictionless reports (its hint: HINTS_GIVEN, "fix")
    "path-or-data": ("giữ một trong hai khóa: path (bảng nằm trong một tệp) hoặc data (bảng viết ngay trong tệp mô "
                     "tả), và xóa khóa kia", "keep one of the two keys, path (the table is in a file) or data (the "
                     "table is written in the descriptor), and delete the other"),
    "resource-name": ("thêm name cho tài nguyên: một tên viết thường không dấu (chữ, số, '-', '_'), ví dụ name: "
                      "ket-qua; nó là tên tệp tải về", "give the resource a name: a lower-case name (letters, "
                      "digits, '-', '_'), e.g. name: results; it names the download"),
    "v2-profile": ("đây là khóa của Data Package v2: thêm \"$schema\": "
                   "\"https://datapackage.org/profiles/2.0/datapackage.json\" vào tệp mô tả gói (Frictionless nhận ra "
                   "địa chỉ ấy, không tải gì), hoặc dùng khóa của v1 (minimum, maximum)",
                   "this key is Data Package v2's: add \"$schema\": "
                   "\"https://datapackage.org/profiles/2.0/datapackage.json\" to the package descriptor (Frictionless "
                   "knows that address and downloads nothing), or use v1's keys (minimum, maximum)"),
}
TERM_PARAMS = ("expected", "example", "fix")
DID_YOU_MEAN = {"vi": " (có phải '{}'?)", "en": " (did you mean '{}'?)"}
# Where the first of two things with one id is (duplicate-id's ``other``: another file, and ``other_line``): a file
# with its line as editors open it ("path:17"), the same file by its line alone. "facts[0]" counted from 0.
FIRST_IN_FILE = ("ở {}", "in {}")
FIRST_AT_LINE = ("ở dòng {}", "at line {}")
# The list item a missing key is missing from (missing-value's ``within``, the list's name, and ``within_line``):
# "facts.0.source" counted the facts from 0
WITHIN_ITEM = (" (mục {} ở dòng {})", " (the {} item at line {})")
WITHIN_LIST = (" (mục {})", " (a {} item)")
# A column name equal to its field's once both are in Unicode's composed form (NFC): a windows-1258 file writes
# the tone marks as characters of their own, and "Mã số" from it did not match the schema's "Mã số", the two
# names looking the same in the message (incorrect-label's ``decomposed``).
DECOMPOSED = {
    "vi": "; ở đây hai tên là cùng một chữ viết theo hai dạng Unicode: một dạng dựng sẵn mỗi chữ với dấu của nó "
          "(NFC), dạng kia viết dấu thanh thành ký tự riêng (NFD, như tệp windows-1258 lưu), nên trông giống hệt "
          "nhau; lưu tệp thành UTF-8 dựng sẵn (NFC), ví dụ iconv -f windows-1258 -t UTF-8 tệp.csv > tệp-utf8.csv, "
          "rồi ghi encoding: utf-8",
    "en": "; here the two names are the same text in two Unicode forms: one composes each letter with its marks "
          "(NFC), the other writes the tone marks as characters of their own (NFD, as a windows-1258 file stores "
          "them), so they look identical; save the file as composed UTF-8 (NFC), e.g. iconv -f windows-1258 "
          "-t UTF-8 file.csv > file-utf8.csv, then write encoding: utf-8",
}

# A hint given instead of its code's when the problem has the parameter that says more (code, parameter): a
# number written as a spreadsheet shows it ("88,12", "88.12%") is shown as it should be written (checks/numbers).
HINTS_GIVEN: dict[tuple[str, str], tuple[str, str]] = {
    # A date written day first, as Vietnamese write it ("07/12/2026"), shown as it should be written
    ("invalid-value", "iso"): (
        "viết ngày theo dạng YYYY-MM-DD: '{iso}' (nếu '{value}' là ngày/tháng/năm)",
        "write the date as YYYY-MM-DD: '{iso}' (if '{value}' is day/month/year)"),
    # A table's name with its package's: their chart's files are named after both
    ("name-too-long", "package"): (
        "rút ngắn tên bảng này, hoặc tên gói '{package}', đi ít nhất {excess} ký tự cộng lại (biểu đồ tự động của "
        "bảng mang cả hai tên)", "shorten this table's name, or the package's '{package}', by at least {excess} "
        "characters together (the table's automatic chart is named after both)"),
    # A package's created date: nothing is planned in a descriptor
    ("future-date", "created"): (
        "ghi ngày gói được tạo (ngày xuất bản lần đầu), không sau ngày xây dựng: trang ghi ngày ấy là ngày phát hành, "
        "trong trích dẫn và data.json", "write the day the package was created (first published), not after the "
        "build date: the site shows it as the release date, in the citation and in data.json"),
    ("frictionless", "fix"): ("{fix}", "{fix}"),
    ("frictionless", "profile"): (
        "ghi profile: {profile} (tên của hồ sơ, không phải địa chỉ của nó): việc kiểm tra không tải gì từ mạng, và "
        "Frictionless có sẵn hồ sơ ấy", "write profile: {profile} (the profile's name, not its address): validation "
        "downloads nothing, and Frictionless has that profile built in"),
    ("unsupported-format", "declare"): (
        "nếu tệp là {declare} như mediatype nói, ghi format: {declare} trong tài nguyên: Frictionless đọc định dạng từ "
        "khóa format hoặc đuôi tên tệp, không từ mediatype", "if the file is {declare}, as its mediatype says, write "
        "format: {declare} in the resource: Frictionless takes the format from the format key or the file name's "
        "extension, never from the mediatype"),
    # A data package zipped whole (frictionless-py's package.zip): there is a descriptor, inside the zip
    ("no-descriptor", "zipped"): (
        "'{zipped}' là một gói dữ liệu nén: giải nén nó vào một thư mục riêng trong datasets/ (tệp mô tả gói nằm ngay "
        "trong thư mục ấy), rồi xóa tệp zip; Minh Bạch không đọc gói trong tệp zip",
        "'{zipped}' is a zipped data package: unzip it into a folder of its own in datasets/ (the package descriptor "
        "right in that folder), then delete the zip; Minh Bạch does not read a package inside a zip"),
    # A key into a file that is no table's (a text, a map): there is no 'type' to remove
    ("key-into-not-table", "format"): (
        "xóa khóa ngoại này; hoặc, nếu '{resource}' là một bảng, xuất nó ra CSV UTF-8 và khai báo schema của nó",
        "delete this foreign key; or, if '{resource}' is a table, export it as UTF-8 CSV and declare its schema"),
    # Half of a character that only a JSON escape writes: "pasted from a PDF" says nothing of it
    ("control-character", "escape"): (
        "xóa {escape}: đó là một nửa của một ký tự (nửa cặp surrogate), không văn bản UTF-8 nào chứa được; một ký tự "
        "như emoji được viết bằng cả hai nửa liền nhau (\\ud83d\\ude00), hoặc viết thẳng ký tự ấy",
        "delete the {escape}: it is half of a character (half a surrogate pair), which no UTF-8 text can hold; a "
        "character such as an emoji is written as both halves together (\\ud83d\\ude00), or as itself"),
    ("type-error", "number"): (
        "viết số với {decimal}, không có dấu %, khoảng trắng hay dấu phân cách hàng nghìn: {number}{thousands}",
        "write the number with {decimal} and no % sign, space or thousands separator: {number}{thousands}"),
    # A foreign key's value that its table writes only with blanks around it ("UBND_TP ,"): this cell is right,
    # and "did you mean 'UBND_TP'?" named its own value, "add a row" a second UBND_TP.
    ("foreign-key", "types"): (
        "'{value}' có trong {table}, nhưng hai cột khác kiểu ({types}) và Frictionless so giá trị theo kiểu: khai báo "
        "cùng một kiểu cho cột này và cột mà khóa ngoại trỏ tới",
        "'{value}' is in {table}, but the two columns have different types ({types}) and Frictionless compares typed "
        "values: declare one type for this column and the column the foreign key points at"),
    ("foreign-key", "spaced"): (
        "ô này đã đúng: bảng {table} chỉ ghi '{value}' kèm khoảng trắng ở đầu hoặc cuối, tại {spaced}; xóa khoảng "
        "trắng ở ô đó, không sửa ở đây",
        "this cell is right: the table {table} writes '{value}' only with blank space before or after it, at "
        "{spaced}; delete the space in that cell, not here"),
}
# The decimal character a number is written with (its column's decimalChar), as a hint names it
DECIMAL = {".": ("dấu chấm thập phân", "a decimal point"),
           ",": ("dấu phẩy thập phân như schema khai báo (decimalChar: ',')",
                 "a decimal comma, as the schema declares (decimalChar: ',')")}
OTHER_DECIMAL = ("dấu thập phân '{}' như schema khai báo (decimalChar)", "the decimal mark '{}' the schema declares "
                 "(decimalChar)")
THOUSANDS = {"vi": " (hoặc {} nếu dấu '{}' phân cách hàng nghìn)", "en": " (or {} if the '{}' separates thousands)"}

# The parameters a message quotes no more than 80 characters of, by code (others shorten theirs where they are
# reported, as unsafe-url does): a number's value is checked from any file, and a 5,000-digit one filled the
# terminal and the GitHub annotation while its first digits said all there was to say. A cell Frictionless
# finds wrong is quoted from its error, whole: the same 5,000 digits in an integer column (a type-error).
SHORTENED = {"non-finite-number": ("value",), "type-error": ("cell", "number", "thousands"), "constraint-error": ("cell",),
             "pattern-too-slow": ("cell", "pattern"),
             "unique-error": ("cell",), "surrounding-space": ("value", "bare"),
             "spaced-key": ("value", "bare")}

SUMMARY = {
    "vi": "{errors} lỗi, {warnings} cảnh báo",
    "en": "{errors} error(s), {warnings} warning(s)",
}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def severity_of(code: str) -> Severity:
    return CATALOGUE[code].severity


def render(code: str, part: str, lang: str, params: dict[str, str]) -> str:
    entry = CATALOGUE[code]
    english = lang == "en"
    given = next((hints for (of, name), hints in HINTS_GIVEN.items() if of == code and params.get(name)), None)
    template = {
        "message": entry.en if english else entry.vi,
        "hint": (entry.hint_en if english else entry.hint_vi) if given is None else given[english],
    }[part]
    shown = {**params, **{name: shortened(params[name]) for name in SHORTENED.get(code, ()) if name in params}}
    return template.format_map(_Blank(worded(shown, lang)))


def worded(params: dict[str, str], lang: str) -> dict[str, str]:
    """The parameters as a message in ``lang`` shows them: terms in that language, a short list's codes after a
    colon, a suggestion as a question, a label's Unicode form said."""
    shown = dict(params)
    for name in TERM_PARAMS:
        if shown.get(name) in TERMS:
            shown[name] = TERMS[shown[name]][lang == "en"]
    if shown.get("choices"):  # the codes of a short list, after the table that holds them
        shown["choices"] = f": {shown['choices']}"
    if shown.get("suggestion"):
        shown["suggestion"] = DID_YOU_MEAN.get(lang, DID_YOU_MEAN["vi"]).format(shown["suggestion"])
    if shown.get("number"):
        mark = shown.get("decimal", ".")
        shown["decimal"] = DECIMAL[mark][lang == "en"] if mark in DECIMAL else OTHER_DECIMAL[lang == "en"].format(mark)
        if shown.get("thousands"):
            shown["thousands"] = THOUSANDS.get(lang, THOUSANDS["vi"]).format(shown["thousands"], shown.get("mark"))
    if shown.get("decomposed"):
        shown["decomposed"] = DECOMPOSED.get(lang, DECOMPOSED["vi"])
    if "other_line" in shown:
        shown["other"] = _first_place(shown.get("other", ""), shown.pop("other_line"), lang == "en")
    if shown.get("within"):
        line = shown.pop("within_line", "")
        shown["within"] = (WITHIN_ITEM if line else WITHIN_LIST)[lang == "en"].format(shown["within"], line)
    return shown


def _first_place(file: str, line: str, english: bool) -> str:
    if file:
        return FIRST_IN_FILE[english].format(f"{file}:{line}" if line else file)
    return FIRST_AT_LINE[english].format(line) if line else ""


def summary(errors: int, warnings: int, lang: str) -> str:
    return SUMMARY.get(lang, SUMMARY["vi"]).format(errors=errors, warnings=warnings)
