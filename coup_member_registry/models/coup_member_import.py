import base64
import csv
import datetime
import gzip
import io
import json
import logging
import zipfile

import openpyxl

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, html_escape

from ..tools import member_parsing
from ..tools.bulk_create import bulk_create

_logger = logging.getLogger(__name__)


def _pack(data):
    return base64.b64encode(gzip.compress(json.dumps(data, default=str).encode(), 1))


def _unpack(data):
    return json.loads(gzip.decompress(base64.b64decode(data)))


def _json_cell(value):
    """A cell as JSON: dates as ISO text, which the date parser reads back."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value

# Above this many rows the import runs in the background, so no browser request times out.
BACKGROUND_ROWS = 5000
PROGRESS_EVERY = 2000
# stored computed fields of res.partner that are known for a new person without parent
PARTNER_COMPUTED = ("complete_name", "partner_share", "email_normalized", "phone_sanitized",
                    "commercial_partner_id", "commercial_company_name", "company_registry",
                    "user_id", "image_1024", "image_512", "image_256", "image_128")
PARTNER_FIELDS = {
    "first_name": "member_first_name", "last_name": "member_last_name", "gender": "gender",
    "birth_date": "birth_date", "phone": "phone", "village": "village",
    "national_id": "national_id", "email": "email",
}


class CoupMemberImport(models.Model):
    """A member register taken out of Excel: upload, map columns, dry run, then import.

    The import is all or nothing: it runs in one transaction, and only when no row is in
    error, unless the user chose to skip the rejected rows (they get them back as an .xlsx
    with a column saying why). Re-importing a file matches the people already registered
    (national ID, then phone and name, then name and birth date) and creates nothing twice.
    """

    _name = "coup.member.import"
    _description = "Member Register Import"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", string="Cooperative", required=True, index=True,
        default=lambda self: self.env.company)
    file = fields.Binary(string="Register", attachment=True, required=True,
                         help="An .xlsx or .csv file, one member a row.")
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "Upload"), ("mapped", "Columns"), ("checked", "Checked"),
         ("queued", "Importing"), ("done", "Imported"), ("failed", "Failed")],
        default="draft", required=True, readonly=True)
    header_row = fields.Integer(string="Header Row", readonly=True,
                                help="Row of the file that holds the column headers.")
    rows_file = fields.Binary(
        string="Rows Read", attachment=True, readonly=True, copy=False,
        help="The header and rows as read from the file (compressed JSON), so that the file is "
             "read only once.")
    parsed_file = fields.Binary(
        string="Rows Parsed", attachment=True, readonly=True, copy=False,
        help="The rows' values as the last check read them with the current columns (compressed "
             "JSON), so that the import does not parse them again.")
    column_ids = fields.One2many("coup.member.import.column", "import_id", string="Columns")
    skip_invalid = fields.Boolean(
        string="Skip Rejected Rows",
        help="Import the valid rows and leave out the rows in error; download them to fix them.")
    row_count = fields.Integer(string="Rows", readonly=True)
    error_count = fields.Integer(string="Rejected Rows", readonly=True)
    new_count = fields.Integer(string="New Members", readonly=True)
    matched_count = fields.Integer(string="Already Registered", readonly=True)
    progress = fields.Float(readonly=True)
    preview_html = fields.Html(string="Preview", readonly=True, sanitize=False)
    error_html = fields.Html(string="Errors", readonly=True, sanitize=False)
    rejected_file = fields.Binary(string="Rejected Rows File", attachment=True, readonly=True)
    rejected_filename = fields.Char(readonly=True)
    result_message = fields.Text(readonly=True)

    def write(self, vals):
        if "file" in vals:
            vals.update(state="draft", rows_file=False, parsed_file=False, header_row=0)
        return super().write(vals)

    @api.depends("filename", "create_date")
    def _compute_name(self):
        for record in self:
            record.name = record.filename or _("Member register")

    # ------------------------------------------------------------------ reading the file

    def _read_rows(self):
        """All rows of the file as lists of cell values; a clear error for anything else."""
        self.ensure_one()
        if not self.file:
            if self.filename:
                raise UserError(_("The file %s is empty.", self.filename))
            raise UserError(_("Upload the member register first."))
        data = base64.b64decode(self.file)
        name = (self.filename or "").lower()
        if not data.strip():
            raise UserError(_("The file %s is empty.", self.filename or ""))
        if zipfile.is_zipfile(io.BytesIO(data)):
            try:
                workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            except Exception:  # noqa: BLE001 - any unreadable zip is reported the same way
                raise UserError(_("The file %s is not an Excel workbook (.xlsx) we can read.",
                                  self.filename or "")) from None
            sheet = workbook.worksheets[0]
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            workbook.close()
        elif name.endswith((".csv", ".txt")) or not name:
            rows = self._read_csv(data)
        else:
            raise UserError(_(
                "The file %s is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file.",
                self.filename))
        while rows and all(cell in (None, "") for cell in rows[-1]):
            rows.pop()
        if not rows:
            raise UserError(_("The file %s is empty.", self.filename or ""))
        return rows

    def _read_csv(self, data):
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        if "\x00" in text:
            raise UserError(_(
                "The file %s is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file.",
                self.filename))
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        return [[cell if cell != "" else None for cell in row]
                for row in csv.reader(io.StringIO(text), dialect)]

    def action_read_file(self):
        """Find the header row (even below a title row) and match the columns."""
        for record in self:
            rows = record._read_rows()
            index = member_parsing.find_header_row(rows)
            if index is None:
                raise UserError(_(
                    "No header row found in the first rows of %s: the file needs a row of column "
                    "titles such as Nom, Prénom, Sexe, Téléphone (or Apellidos, Nombres, Sexo, "
                    "Celular).", record.filename))
            header, body = rows[index], rows[index + 1:]
            if not body:
                raise UserError(_("The file %s has headers but no member rows.", record.filename))
            columns, used = [], set()
            for position, title in enumerate(header):
                if title in (None, ""):
                    continue
                key = member_parsing.match_header(title)
                if key in used:
                    key = False
                used.add(key)
                sample = ", ".join(str(member_parsing.clean_cell(_json_cell(row[position])))
                                   for row in body[:3]
                                   if position < len(row) and row[position] is not None)
                columns.append({"sequence": position, "header": str(title), "sample": sample[:80],
                                "field_key": key})
            record.column_ids.unlink()
            record.write({
                "rows_file": _pack({"header": [_json_cell(c) for c in header],
                                    "rows": [[_json_cell(c) for c in row] for row in body]}),
                "parsed_file": False,
                "header_row": index + 1, "row_count": len(body), "state": "mapped",
                "column_ids": [fields.Command.create(c) for c in columns],
                "error_html": False, "rejected_file": False, "error_count": 0,
            })
            record.preview_html = record._preview_html(header, body[:10])
        return True

    def _preview_html(self, header, rows):
        labels = dict(self.column_ids._fields["field_key"]._description_selection(self.env))
        mapped = {c.sequence: labels[c.field_key] for c in self.column_ids if c.field_key}
        ignored = _("ignored")
        head = "".join(
            "<th>%s<br/><small class='text-muted'>%s</small></th>" % (
                html_escape(header[i] or ""), html_escape(mapped.get(i, ignored)))
            for i in range(len(header)))
        body = "".join(
            "<tr>%s</tr>" % "".join(
                "<td>%s</td>" % html_escape(
                    "" if i >= len(row) or row[i] is None else str(row[i])[:40])
                for i in range(len(header)))
            for row in rows)
        return ("<div class='table-responsive'><table class='table table-sm table-striped'>"
                "<thead><tr>%s</tr></thead><tbody>%s</tbody></table></div>" % (head, body))

    # ------------------------------------------------------------------ checking rows

    def _column_map(self):
        """{field key: column position}; a clear error when two columns claim one field."""
        positions = {}
        for column in self.column_ids.filtered("field_key"):
            if column.field_key in positions:
                other = self.column_ids.filtered(
                    lambda c: c.sequence == positions[column.field_key])
                raise UserError(_(
                    "The columns %(first)s and %(second)s are both imported as %(field)s: "
                    "keep only one.", first=other.header, second=column.header,
                    field=dict(self.column_ids._fields["field_key"]._description_selection(
                        self.env))[column.field_key]))
            positions[column.field_key] = column.sequence
        if not {"name", "first_name", "last_name"} & positions.keys():
            raise UserError(_("Choose the column that holds the members' names."))
        return positions

    def _error_messages(self):
        return {
            "gender": _("is not a gender we know (use H/F, Homme/Femme, Masculino/Femenino, M/F)"),
            "date": _("is not a date (use dd/mm/yyyy)"),
            "birth_date_range": _("is not a possible birth date (in the future or before 1900)"),
            "phone": _("is not a valid phone number"),
            "membership_type": _("is not a member type we know (Principal, Affilié, Titular, "
                                 "Afiliado)"),
            "relation": _("is not a relation we know (conjoint, enfant, parent, frère, autre)"),
        }

    def _parse_rows(self, rows, positions):
        """Read every row into clean values or errors; returns a list of row dicts."""
        self.ensure_one()
        messages = self._error_messages()
        region = self.company_id.country_id.code
        headers = {c.sequence: c.header for c in self.column_ids}
        today = fields.Date.context_today(self)
        parsers = {
            "gender": member_parsing.parse_gender,
            "birth_date": lambda v: member_parsing.parse_birth_date(v, today),
            "join_date": lambda v: member_parsing.parse_date(v, today),
            "phone": lambda v: member_parsing.parse_phone(v, region),
            "membership_type": member_parsing.parse_membership_type,
            "relation": member_parsing.parse_relation,
        }
        first_row = self.header_row + 1
        parsed = []
        for offset, row in enumerate(rows):
            if all(cell in (None, "") for cell in row):
                continue
            values, errors = {}, []
            for key, position in positions.items():
                raw = row[position] if position < len(row) else None
                parser = parsers.get(key)
                if parser:
                    try:
                        values[key] = parser(raw)
                    except member_parsing.ParseError as error:
                        errors.append((headers[position], raw, messages[error.code]))
                else:
                    value = member_parsing.clean_cell(raw)
                    values[key] = str(value) if value is not None else False
            if not (values.get("name") or values.get("first_name") or values.get("last_name")):
                errors.append((_("Name"), None, _("is required: every member needs a name")))
            if values.get("email") and "@" not in values["email"]:
                errors.append((headers[positions["email"]], values["email"],
                               _("is not an e-mail address")))
            if not values.get("membership_type"):
                values["membership_type"] = ("affiliated" if values.get("principal_number")
                                             else "principal")
            parsed.append({"row": first_row + offset, "raw": row, "values": values,
                           "errors": errors})
        return parsed

    def _check_rows(self, parsed, positions):
        """Cross-row checks and matching with the register: member numbers, principals,
        people already in the database. Adds ``partner_id`` and ``membership_id`` to rows."""
        self.ensure_one()
        headers = {c.sequence: c.header for c in self.column_ids}
        number_header = headers.get(positions.get("member_number"), _("Member Number"))
        principal_header = headers.get(positions.get("principal_number"),
                                       _("Principal Member Number"))
        company = self.company_id
        cr = self.env.cr
        cr.execute("""
            SELECT id, member_number, partner_id, membership_type
              FROM coup_membership WHERE company_id = %s
        """, [company.id])
        db_by_number, db_by_partner = {}, {}
        for mid, number, partner_id, mtype in cr.fetchall():
            db_by_number[number] = (mid, partner_id, mtype)
            db_by_partner[partner_id] = mid

        # people already registered, found in one query
        nids = [r["values"]["national_id"] for r in parsed if r["values"].get("national_id")]
        phones = [r["values"]["phone"] for r in parsed if r["values"].get("phone")]
        names = [self._row_name(r["values"]).lower() for r in parsed]
        cr.execute("""
            SELECT id, national_id, phone, lower(name), birth_date FROM res_partner
             WHERE active AND NOT is_company
               AND (national_id = ANY(%s) OR phone = ANY(%s) OR lower(name) = ANY(%s))
             ORDER BY id
        """, [nids, phones, names])
        by_nid, by_phone_name, by_name_birth = {}, {}, {}
        region = company.country_id.code
        for pid, nid, phone, name, birth in cr.fetchall():
            if nid:
                by_nid.setdefault(nid, pid)
            if phone:
                # phones are stored as typed ("62 45 79 65"): compared in E.164, as the file's
                by_phone_name.setdefault((self._coup_phone_key(phone, region), name), pid)
            if birth:
                by_name_birth.setdefault((name, birth), pid)

        seen_numbers, seen_people, file_principals = {}, {}, {}
        for row in parsed:
            values = row["values"]
            number = values.get("member_number")
            if number:
                if number in seen_numbers:
                    row["errors"].append((number_header, number, _(
                        "is already the member number of row %s", seen_numbers[number])))
                else:
                    seen_numbers[number] = row["row"]
                    if values["membership_type"] == "principal":
                        file_principals[number] = row
            name = self._row_name(values).lower()
            partner_id = (values.get("national_id") and by_nid.get(values["national_id"])) \
                or (values.get("phone") and by_phone_name.get((values["phone"], name))) \
                or (values.get("birth_date") and by_name_birth.get((name, values["birth_date"])))
            row["partner_id"] = partner_id or False
            row["membership_id"] = db_by_partner.get(partner_id, False)
            identity = values.get("national_id") or (name, values.get("birth_date"),
                                                     values.get("phone"))
            if identity in seen_people:
                row["errors"].append((_("Name"), self._row_name(values), _(
                    "is the same person as row %s", seen_people[identity])))
            else:
                seen_people[identity] = row["row"]
            if number and number in db_by_number and db_by_number[number][1] != partner_id:
                row["errors"].append((number_header, number, _(
                    "is already the member number of another member of %s", company.name)))

        for row in parsed:
            values = row["values"]
            principal = values.get("principal_number")
            if values["membership_type"] == "affiliated":
                if not principal:
                    row["errors"].append((principal_header, None, _(
                        "is required for an affiliated member")))
                elif principal not in file_principals and not (
                        principal in db_by_number and db_by_number[principal][2] == "principal"):
                    row["errors"].append((principal_header, principal, _(
                        "is not a principal member in the file or in %s", company.name)))
                elif principal == values.get("member_number"):
                    row["errors"].append((principal_header, principal, _(
                        "is the member's own number")))
            elif principal:
                row["errors"].append((principal_header, principal, _(
                    "is given for a principal member: leave it empty or set the type to "
                    "affiliated")))
        # an affiliated member whose principal is rejected is rejected too
        rejected = {r["values"].get("member_number") for r in parsed if r["errors"]}
        for row in parsed:
            principal = row["values"].get("principal_number")
            if not row["errors"] and principal in rejected and principal in file_principals:
                row["errors"].append((principal_header, principal, _(
                    "is rejected (row %s), so this member is too",
                    file_principals[principal]["row"])))
        return db_by_number

    @staticmethod
    def _row_name(values):
        return values.get("name") or " ".join(
            filter(None, [values.get("first_name"), values.get("last_name")]))

    @staticmethod
    def _coup_phone_key(phone, region):
        """A stored phone in E.164 to compare with the file's, or as stored if it is none."""
        try:
            return member_parsing.parse_phone(phone, region)
        except member_parsing.ParseError:
            return phone

    def _rows(self):
        """{"header": [...], "rows": [[...], ...]} as read from the file."""
        if not self.rows_file:
            self.action_read_file()
        return _unpack(self.rows_file)

    def _parsed_rows(self, positions):
        """Rows parsed with the current columns: from the last check when there is one."""
        if self.parsed_file:
            parsed = _unpack(self.parsed_file)
            for row in parsed:
                for key in ("birth_date", "join_date"):
                    if row["values"].get(key):
                        row["values"][key] = datetime.date.fromisoformat(row["values"][key])
                row["errors"] = [tuple(error) for error in row["errors"]]
            return parsed
        parsed = self._parse_rows(self._rows()["rows"], positions)
        if not parsed:
            raise UserError(_("The file %s has headers but no member rows.", self.filename))
        self.parsed_file = _pack(parsed)
        return parsed

    def _analyse(self):
        """Parse and check every row; returns (parsed rows, db member numbers)."""
        self.ensure_one()
        positions = self._column_map()
        parsed = self._parsed_rows(positions)
        db_by_number = self._check_rows(parsed, positions)
        return parsed, db_by_number

    def action_check(self):
        """Dry run: validate every row and count what the import would do; writes no member."""
        for record in self:
            if record.state == "draft":
                record.action_read_file()
            record.parsed_file = False
            parsed, __ = record._analyse()
            record._store_check(parsed)
        return True

    def _store_check(self, parsed):
        bad = [r for r in parsed if r["errors"]]
        good = [r for r in parsed if not r["errors"]]
        vals = {
            "state": "checked", "row_count": len(parsed), "error_count": len(bad),
            "new_count": sum(1 for r in good if not r["partner_id"]),
            "matched_count": sum(1 for r in good if r["partner_id"]),
            "error_html": self._error_table(bad), "rejected_file": False,
            "rejected_filename": False,
        }
        if bad:
            vals.update(rejected_file=base64.b64encode(self._rejected_workbook(bad)),
                        rejected_filename=_("rejected_rows_%s.xlsx",
                                            (self.filename or "register").rsplit(".", 1)[0]))
        self.write(vals)

    def _error_table(self, bad, limit=200):
        if not bad:
            return False
        lines = []
        for row in bad[:limit]:
            for column, value, message in row["errors"]:
                lines.append("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>" % (
                    row["row"], html_escape(column or ""),
                    html_escape("" if value is None else str(value)), html_escape(message)))
        more = ""
        if len(bad) > limit:
            more = "<p>%s</p>" % html_escape(_(
                "… and %s more rejected rows: download the rejected rows file.",
                len(bad) - limit))
        return ("<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th></tr></thead><tbody>%s</tbody></table>%s") % (
            html_escape(_("Row")), html_escape(_("Column")), html_escape(_("Value")),
            html_escape(_("Problem")), "".join(lines), more)

    def format_error(self, row, column, value, message):
        return _("Row %(row)s, column %(column)s, value “%(value)s”: %(message)s",
                 row=row, column=column, value="" if value is None else value, message=message)

    def _rejected_workbook(self, bad):
        """The rejected rows as they were in the file, with a column saying why."""
        header = self._rows()["header"]
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Rejected"))
        sheet.append([_("Row"), *[h for h in header], _("Why")])
        reason = _("%(column)s “%(value)s” %(message)s")
        for row in bad:
            reasons = "; ".join(
                reason % {"column": column, "value": "" if value is None else value,
                          "message": message}
                for column, value, message in row["errors"])
            sheet.append([row["row"], *row["raw"], reasons])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    # ------------------------------------------------------------------ importing

    def action_import(self):
        """Import now, or in the background for a large file."""
        self.ensure_one()
        if self.state in ("draft", "mapped"):
            self.action_check()
        if self.state not in ("checked", "failed"):
            raise UserError(_("This register has already been imported."))
        if self.error_count and not self.skip_invalid:
            raise UserError(_(
                "Rows in error in %(file)s: %(count)s. Fix them, or tick “Skip Rejected Rows” "
                "to import the valid rows only. Nothing was imported.",
                count=self.error_count, file=self.filename))
        if self.row_count > BACKGROUND_ROWS and not self.env.context.get("coup_import_now"):
            self.write({"state": "queued", "progress": 0.0})
            self.env.ref("coup_member_registry.ir_cron_coup_member_import")._trigger()
            return True
        self._run_import()
        return True

    def _run_import(self):
        """Write the members in one transaction: all rows, or none."""
        self.ensure_one()
        parsed, db_by_number = self._analyse()
        bad = [r for r in parsed if r["errors"]]
        if bad and not self.skip_invalid:
            row = bad[0]
            raise UserError(_("Nothing was imported: %s",
                              self.format_error(row["row"], *row["errors"][0])))
        good = [r for r in parsed if not r["errors"]]
        new = sum(1 for r in good if not r["partner_id"])
        self._notify_progress(10)
        partners = self._import_partners(good)
        self._notify_progress(60)
        self._import_memberships(good, partners, db_by_number)
        self._notify_progress(100)
        self.write({
            "state": "done", "progress": 100, "error_count": len(bad), "new_count": new,
            "matched_count": len(good) - new,
            "result_message": _(
                "Members imported: %(done)s (new: %(new)s, already registered: %(matched)s). "
                "Rejected rows skipped: %(skipped)s.", done=len(good), new=new,
                matched=len(good) - new, skipped=len(bad)),
        })

    def _partner_vals(self, values):
        vals = {field: values[key] for key, field in PARTNER_FIELDS.items() if values.get(key)}
        vals["name"] = self._row_name(values)
        return vals

    def _import_partners(self, rows):
        """Insert the new people in one set-based batch; update the known ones only where the
        file says something else."""
        Partner = self.env["res.partner"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
            mail_notrack=True)
        new_rows = [r for r in rows if not r["partner_id"]]
        known = [r for r in rows if r["partner_id"]]
        country = self.company_id.country_id.id or False
        country_code = self.company_id.country_id.code
        # members speak their cooperative's language, not the language of who imports them
        lang = self.company_id.partner_id.lang or self.env.lang
        has_sanitized = "phone_sanitized" in Partner._fields
        vals_list = []
        for row in new_rows:
            vals = self._partner_vals(row["values"])
            vals.update(type="contact", country_id=country, lang=lang, complete_name=vals["name"],
                        partner_share=True, email_normalized=email_normalize(vals.get("email")))
            if has_sanitized:
                vals["phone_sanitized"] = vals.get("phone") or False
            vals_list.append(vals)
        created = bulk_create(Partner, vals_list, computed_by_caller=PARTNER_COMPUTED)
        if created:
            self.env.cr.execute(
                "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
                [created.ids])
            created.invalidate_recordset(["commercial_partner_id"])
        for row, partner in zip(new_rows, created):
            row["partner_id"] = partner.id
        if known:
            field_names = list(PARTNER_FIELDS.values()) + ["name"]
            partners = Partner.browse([r["partner_id"] for r in known])
            partners.fetch(field_names)
            for row, partner in zip(known, partners):
                vals = self._partner_vals(row["values"])
                changes = {f: v for f, v in vals.items() if (partner[f] or False) != v}
                if "phone" in changes and partner.phone and self._coup_phone_key(
                        partner.phone, country_code) == changes["phone"]:
                    del changes["phone"]  # the same number as typed by hand: kept as typed
                if changes:
                    partner.write(changes)
        return created

    def _import_memberships(self, rows, partners, db_by_number):
        """Principal members first, then their households, each in one set-based batch."""
        Membership = self.env["coup.membership"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
        company = self.company_id
        number_to_id = {number: mid for number, (mid, __, __) in db_by_number.items()}
        existing = Membership.browse([r["membership_id"] for r in rows if r["membership_id"]])
        existing.fetch(["member_number", "membership_type", "principal_membership_id",
                        "relation"])
        missing = [r for r in rows if not r["membership_id"]
                   and not r["values"].get("member_number")]
        for row, number in zip(missing, company._coup_next_member_numbers(len(missing))):
            row["values"]["member_number"] = number
        today = fields.Date.context_today(self)
        for mtype in ("principal", "affiliated"):
            create_rows, vals_list = [], []
            for row in rows:
                values = row["values"]
                if values["membership_type"] != mtype:
                    continue
                vals = {"membership_type": mtype, "member_number": values.get("member_number")}
                if mtype == "affiliated":
                    vals["principal_membership_id"] = number_to_id[values["principal_number"]]
                    vals["relation"] = values.get("relation") or "other"
                if row["membership_id"]:
                    membership = Membership.browse(row["membership_id"])
                    if not vals["member_number"]:
                        del vals["member_number"]
                    changes = {f: v for f, v in vals.items()
                               if (membership[f].id if f == "principal_membership_id"
                                   else membership[f]) != v}
                    if changes:
                        membership.write(changes)
                    number_to_id[membership.member_number] = membership.id
                    continue
                vals.update(partner_id=row["partner_id"], company_id=company.id, state="active",
                            join_date=values.get("join_date") or today, active=True)
                create_rows.append(row)
                vals_list.append(vals)
            created = bulk_create(Membership, vals_list)
            for row, membership_id in zip(create_rows, created.ids):
                row["membership_id"] = membership_id
                number_to_id[row["values"]["member_number"]] = membership_id
        company._coup_member_sequence_skip([r["values"].get("member_number") for r in rows])

    def _notify_progress(self, percent):
        """Progress of a background import, committed apart so the form can show it while
        the import's own transaction stays open (and all or nothing)."""
        if not self.env.context.get("coup_import_background"):
            return
        with self.env.registry.cursor() as cr:
            cr.execute("UPDATE coup_member_import SET progress = %s WHERE id = %s",
                       [percent, self.id])

    @api.model
    def _cron_run_queued_imports(self):
        for record in self.search([("state", "=", "queued")]):
            try:
                with self.env.cr.savepoint():
                    record.with_context(coup_import_background=True)._run_import()
            except UserError as error:
                record.write({"state": "failed", "result_message": str(error)})
            except Exception as error:  # noqa: BLE001 - reported to the user, logged in full
                _logger.exception("Member import %s failed", record.id)
                record.write({"state": "failed", "result_message": _(
                    "The import failed and nothing was written: %s", error)})
            self.env.cr.commit()

    def action_refresh(self):
        return True

    def action_download_rejected(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/coup.member.import/%s/rejected_file/%s?download=true" % (
                self.id, self.rejected_filename),
            "target": "self",
        }

    def action_view_members(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_member_registry.coup_membership_action")
        action["domain"] = [("company_id", "=", self.company_id.id)]
        return action

    @api.model
    def _load_demo_file(self, company_xmlid, module_path):
        """Demo data: the sample registers go through the real import."""
        from odoo.tools.misc import file_open
        company = self.env.ref(company_xmlid)
        with file_open(module_path, "rb") as handle:
            record = self.create({
                "company_id": company.id, "filename": module_path.rsplit("/", 1)[-1],
                "file": base64.b64encode(handle.read()), "skip_invalid": True})
        record.with_company(company).action_read_file()
        record.with_company(company).with_context(coup_import_now=True).action_import()
        return record
