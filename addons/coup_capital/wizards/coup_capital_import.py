import base64
import io
import re

import openpyxl

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import formatLang

from odoo.addons.coup_member_registry.tools import member_parsing, person_match
from odoo.addons.coup_member_registry.tools.register_file import (
    is_formula,
)
from odoo.addons.coup_member_registry.tools.register_rows import row_name

ALIASES = member_parsing.HEADER_ALIASES
# Column headers of a capital register (normalized), in French, Spanish and English; the
# member's columns are the member import's own.
HEADERS = {
    "member_number": ALIASES["member_number"],
    "name": ALIASES["name"] + ["nom de l associe", "associe", "socio", "asociado", "member"],
    "last_name": ALIASES["last_name"],
    "first_name": ALIASES["first_name"],
    "phone": ALIASES["phone"],
    "national_id": ALIASES["national_id"],
    "birth_date": ALIASES["birth_date"],
    "share_class": ["classe", "classe de parts", "categorie de parts", "type de parts",
                    "share class", "class", "clase", "clase de aporte", "tipo de aporte"],
    "quantity": ["parts", "nombre de parts", "nb parts", "nbre parts", "parts souscrites",
                 "nombre de parts souscrites", "shares", "number of shares", "shares subscribed",
                 "acciones", "cantidad", "numero de aportes", "aportes", "cuotas"],
    "amount": ["montant souscrit", "capital souscrit", "montant", "subscribed", "amount",
               "amount subscribed", "valor suscrito", "aporte suscrito", "monto", "valor"],
    "paid": ["montant libere", "libere", "capital libere", "verse", "montant verse", "paid",
             "amount paid", "capital paid", "pagado", "valor pagado", "aporte pagado"],
    "date": ["date", "date de souscription", "souscrit le", "date souscription",
             "subscription date", "fecha", "fecha de suscripcion", "fecha suscripcion"],
    "due_date": ["echeance", "date d echeance", "a payer le", "due date", "due",
                 "vencimiento", "fecha de vencimiento"],
    "former_numbers": ["numeros", "numeros des parts", "n des parts", "n parts",
                       "share numbers", "numeros de aportes", "certificado", "n certificat"],
}
ALIAS_TO_KEY = {alias: key for key, aliases in HEADERS.items() for alias in aliases}
MEMBER_KEYS = ("member_number", "name", "last_name", "first_name")


class AmountError(ValueError):
    pass


def parse_amount(value):
    """An amount as registers write it: 10000, "10 000", "10.000" (Colombia), "1,234.50",
    "1.234,50", "10 000 F". Three digits after a lone separator are thousands."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise AmountError(value)
    if isinstance(value, (int, float)):
        return float(value)
    text = re.sub(r"[^0-9,.\-]", "", str(value))
    if not re.search(r"\d", text) or text.count("-") > 1 or "-" in text[1:]:
        raise AmountError(value)
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    else:
        for sep in (",", "."):
            if sep in text:
                parts = text.split(sep)
                if len(parts) > 2 or len(parts[-1]) == 3:
                    text = text.replace(sep, "")
                else:
                    text = text.replace(sep, ".")
    try:
        return float(text)
    except ValueError:
        raise AmountError(value) from None


def find_header(rows, max_scan=15):
    for index, row in enumerate(rows[:max_scan]):
        if sum(1 for cell in row if cell is not None and
               member_parsing.normalize_text(cell) in ALIAS_TO_KEY) >= 2:
            return index
    return None


class CoupCapitalImport(models.TransientModel):
    """The cooperative's existing capital register (Excel or CSV, one subscription a row)
    taken into the share register: each row is a subscription of a member (found by member
    number, else by the registry's person matcher), confirmed with its shares numbered after
    the register's, and what was already paid written as paid.

    Read and checked first (preview and every rejected row named by row, column and value);
    then all rows are imported, or none, unless the user chose to skip the rejected rows
    (they get them back as an .xlsx saying why). Rows imported before are refused, so a file
    imported twice creates nothing twice."""

    _name = "coup.capital.import"
    _description = "Capital Register Import"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    file = fields.Binary(string="Capital Register", required=True,
                         help="An .xlsx or .csv file: one subscription a row.")
    filename = fields.Char()
    entries = fields.Selection(
        [("book", "Book the Entries"), ("opening", "Already in the Opening Balance")],
        string="Accounting", default="book", required=True,
        help="Book the entries: each subscription and payment is booked as the staff's are. "
             "Already in the opening balance: the capital is in the books already (the "
             "accountant's opening entry), so only the share register is written.")
    skip_invalid = fields.Boolean(
        string="Skip Rejected Rows",
        help="Import the valid rows and leave out the rows in error; download them to fix them.")
    state = fields.Selection([("draft", "Upload"), ("checked", "Checked"), ("done", "Imported")],
                             default="draft", required=True, readonly=True)
    row_count = fields.Integer(string="Rows", readonly=True)
    error_count = fields.Integer(string="Rejected Rows", readonly=True)
    share_count = fields.Integer(string="Shares", readonly=True)
    amount_total = fields.Monetary(string="Capital Subscribed", readonly=True)
    paid_total = fields.Monetary(string="Capital Paid", readonly=True)
    preview_html = fields.Html(string="Preview", readonly=True, sanitize=False)
    error_html = fields.Html(string="Errors", readonly=True, sanitize=False)
    rejected_file = fields.Binary(string="Rejected Rows File", readonly=True)
    rejected_filename = fields.Char(readonly=True)
    result_message = fields.Text(readonly=True)
    subscription_ids = fields.Many2many("coup.share.subscription", string="Subscriptions",
                                        readonly=True)

    # ------------------------------------------------------------------ reading

    def _coup_check_company(self):
        if not self.env.user.has_group("coup_member_registry.group_coup_user") or \
                self.company_id not in self.env.user.company_ids:
            raise AccessError(_("Only the staff of %(coop)s import its capital register.",
                                coop=self.company_id.name))

    def _coup_rows(self):
        """(header, [(row number, cells)], {key: column}) of the file."""
        self.ensure_one()
        rows = self.env["coup.member.import"]._coup_read_register(
            base64.b64decode(self.file or b""), self.filename)
        index = find_header(rows)
        if index is None:
            raise UserError(_(
                "No header row found in the first rows of %s: the file needs a row of column "
                "titles such as N° membre, Nom, Parts, Libéré, Date (or Código, Nombre, Aportes, "
                "Pagado, Fecha).", self.filename or ""))
        header = rows[index]
        positions = {}
        for position, title in enumerate(header):
            key = ALIAS_TO_KEY.get(member_parsing.normalize_text(title)) if title else None
            if key and key not in positions:
                positions[key] = position
        missing = []
        if not set(MEMBER_KEYS) & positions.keys():
            missing.append(_("the member (member number or name)"))
        if "quantity" not in positions:
            missing.append(_("the number of shares"))
        if "date" not in positions:
            missing.append(_("the subscription date"))
        if missing:
            raise UserError(_("%(file)s has no column for %(missing)s (header row %(row)s: "
                              "%(header)s).", file=self.filename or "", row=index + 1,
                              missing=", ".join(missing),
                              header=", ".join(str(h) for h in header if h not in (None, ""))))
        body = [(index + 2 + offset, row) for offset, row in enumerate(rows[index + 1:])
                if any(cell not in (None, "") for cell in row)]
        if not body:
            raise UserError(_("The file %s has headers but no subscription rows.",
                              self.filename or ""))
        return header, body, positions

    # ------------------------------------------------------------------ checking

    def _coup_classes(self):
        """{normalized name in any installed language: class} of the cooperative."""
        classes = self.env["coup.share.class"].search([("company_id", "=", self.company_id.id)])
        names = {}
        for lang in self.env["res.lang"].get_installed():
            for share_class in classes.with_context(lang=lang[0]):
                names.setdefault(member_parsing.normalize_text(share_class.name),
                                 share_class.with_env(self.env))
        return classes, names

    def _coup_members(self):
        """The cooperative's members by number, and a person index over them."""
        memberships = self.env["coup.membership"].search(
            [("company_id", "=", self.company_id.id)])
        memberships.partner_id.fetch(["name", "phone", "national_id", "birth_date"])
        by_number = {m.member_number: m for m in memberships if m.member_number}
        index = person_match.PersonIndex(self.company_id.country_id.code)
        for membership in memberships:
            partner = membership.partner_id
            index.add(membership.id, partner.name, partner.phone, partner.national_id,
                      partner.birth_date)
        return memberships, by_number, index

    def _coup_analyse(self):
        """Every row read and checked: a list of dicts with ``row``, ``raw``, ``errors``
        ([(column, value, message)]) and, for good rows, the subscription's values."""
        self.ensure_one()
        header, body, positions = self._coup_rows()
        company = self.company_id
        classes, class_names = self._coup_classes()
        memberships, by_number, people = self._coup_members()
        ctx = {
            "positions": positions, "classes": classes, "class_names": class_names,
            "memberships": memberships, "by_number": by_number, "people": people,
            "today": fields.Date.context_today(self), "currency": company.currency_id,
            "titles": {key: str(header[pos]) for key, pos in positions.items()},
            "states": dict(self.env["coup.membership"]._fields["state"]
                           ._description_selection(self.env)),
            "previous": {(s.membership_id.id, s.share_class_id.id, s.date, s.quantity): s
                         for s in self.env["coup.share.subscription"].search(
                             [("company_id", "=", company.id), ("origin", "=", "import"),
                              ("state", "=", "confirmed")])},
            # shares held per (member, class): the register's, then the rows above added
            "running": {(m.id, c.id): q for m, c, q in
                        self.env["coup.share.movement"].sudo()._read_group(
                            [("membership_id", "in", memberships.ids),
                             ("state", "=", "confirmed")],
                            ["membership_id", "share_class_id"], ["held_change:sum"])},
            "seen": {},
        }
        result = []
        for number, raw in body:
            row = {"row": number, "raw": raw, "errors": []}
            result.append(row)
            self._coup_check_row(row, ctx)
        return header, result

    def _coup_check_row(self, row, ctx):
        raw, positions = row["raw"], ctx["positions"]

        def cell(key):
            pos = positions.get(key)
            value = raw[pos] if pos is not None and pos < len(raw) else None
            return member_parsing.clean_cell(value)

        def error(key, value, message):
            row["errors"].append((ctx["titles"].get(key, key), "" if value is None else value,
                                  message))
        formulas = [(key, raw[pos]) for key, pos in positions.items()
                    if pos < len(raw) and is_formula(raw[pos])]
        for key, value in formulas:
            error(key, value["formula"], _(
                "is a formula whose result was never saved in the file: open the file in "
                "Excel or LibreOffice, save it, and upload it again"))
        if formulas:
            return
        member = self._coup_row_member(cell, error, ctx)
        share_class = self._coup_row_class(cell, error, ctx)
        quantity, date, amount, paid, due_date = self._coup_row_numbers(
            cell, error, ctx, share_class)
        if row["errors"] or not (member and share_class and quantity and date):
            return
        if self._coup_row_bounds(row, error, ctx, member, share_class, quantity, date):
            row.update(membership=member, share_class=share_class, quantity=quantity,
                       date=date, amount=amount, paid=paid, due_date=max(due_date, date),
                       former_numbers=str(cell("former_numbers") or "")[:64] or False)

    def _coup_row_member(self, cell, error, ctx):
        """The row's member: by number, else by the registry's person matcher."""
        company, positions = self.company_id, ctx["positions"]
        member = False
        member_number = cell("member_number")
        name = row_name({k: cell(k) for k in ("name", "first_name", "last_name") if cell(k)})
        if member_number:
            member = ctx["by_number"].get(member_number)
            if not member:
                error("member_number", member_number, _(
                    "is not the number of a member of %(coop)s: import the members first "
                    "(Members > Import)", coop=company.name))
        elif name:
            try:
                birth = member_parsing.parse_date(cell("birth_date"), ctx["today"])
            except member_parsing.ParseError:
                birth = None
            found = ctx["people"].find(name, cell("phone"), cell("national_id"), birth)
            member = ctx["memberships"].browse(found) if found else False
            if not member:
                error("name" if "name" in positions else "last_name", name, _(
                    "is not a member of %(coop)s we can tell apart (a member number, or the "
                    "name with the phone, the national ID or the birth date as registered): "
                    "import the members first (Members > Import)", coop=company.name))
        else:
            error("member_number" if "member_number" in positions else "name", "", _(
                "is required: every row names its member"))
        if member and member.state not in ("candidate", "active"):
            error("member_number" if member_number else "name", member_number or name, _(
                "is %(state)s: only members and applicants hold shares",
                state=ctx["states"].get(member.state, member.state)))
        return member

    def _coup_row_class(self, cell, error, ctx):
        classes, company = ctx["classes"], self.company_id
        class_text = cell("share_class")
        if class_text:
            share_class = ctx["class_names"].get(member_parsing.normalize_text(class_text))
            if not share_class:
                error("share_class", class_text, _(
                    "is not a share class of %(coop)s (%(classes)s)", coop=company.name,
                    classes=", ".join(classes.mapped("name")) or _("none yet")))
            return share_class
        if len(classes) == 1:
            return classes
        error("share_class", "", _(
            "is required: %(coop)s has %(count)s share classes (%(classes)s)",
            coop=company.name, count=len(classes),
            classes=", ".join(classes.mapped("name")) or _("none yet")))
        return False

    def _coup_row_numbers(self, cell, error, ctx, share_class):
        """(shares, date, amount subscribed, amount paid, due date of the rest)."""
        currency, today = ctx["currency"], ctx["today"]

        def money(value):
            return formatLang(self.env, value, currency_obj=currency)
        quantity = cell("quantity")
        try:
            value = parse_amount(quantity)
            if value is None or value <= 0 or value != int(value):
                raise AmountError(quantity)
            quantity = int(value)
        except AmountError:
            error("quantity", quantity, _("is not a whole number of shares above zero"))
            quantity = None
        date = None
        try:
            date = member_parsing.parse_date(cell("date"), today)
            if not date:
                error("date", "", _("is required: the date the shares were subscribed"))
            elif date > today:
                error("date", cell("date"), _("is in the future"))
                date = None
        except member_parsing.ParseError:
            error("date", cell("date"), _("is not a date (use dd/mm/yyyy)"))
        amount = paid = None
        if share_class and quantity:
            amount = currency.round(quantity * share_class.nominal_value)
            try:
                given = parse_amount(cell("amount"))
                if given is not None and currency.compare_amounts(given, amount):
                    error("amount", cell("amount"), _(
                        "is not %(qty)s × %(nominal)s = %(amount)s, the shares' nominal value",
                        qty=quantity, nominal=money(share_class.nominal_value),
                        amount=money(amount)))
            except AmountError:
                error("amount", cell("amount"), _("is not an amount"))
            try:
                # no column of payments: the shares were paid; an empty cell: nothing was
                paid = parse_amount(cell("paid")) if "paid" in ctx["positions"] else amount
                paid = currency.round(paid or 0.0)
                if paid < 0 or currency.compare_amounts(paid, amount) > 0:
                    error("paid", cell("paid"), _(
                        "must be between 0 and the %(amount)s subscribed", amount=money(amount)))
            except AmountError:
                error("paid", cell("paid"), _("is not an amount"))
        due_date = today
        if cell("due_date"):
            try:
                due_date = member_parsing.parse_date(cell("due_date"), today) or today
                if date and due_date < date:
                    error("due_date", cell("due_date"), _("is before the subscription date"))
            except member_parsing.ParseError:
                error("due_date", cell("due_date"), _("is not a date (use dd/mm/yyyy)"))
        return quantity, date, amount, paid, due_date

    def _coup_row_bounds(self, row, error, ctx, member, share_class, quantity, date):
        """The statutes' bounds with what the member holds and the rows above; rows imported
        before or repeated refused. True when the row can be imported."""
        if member.membership_type == "affiliated" and not share_class.allow_affiliated:
            error("share_class", share_class.name, _(
                "may not be held by an affiliated member (%(member)s)",
                member=member.display_name))
            return False
        key = (member.id, share_class.id, date, quantity)
        if key in ctx["previous"]:
            error("quantity", quantity, _(
                "was imported already: %(sub)s of %(date)s (a file is imported once)",
                sub=ctx["previous"][key].name, date=date))
            return False
        if key in ctx["seen"]:
            error("quantity", quantity, _(
                "repeats row %(row)s (the same member, class, date and shares)",
                row=ctx["seen"][key]))
            return False
        total = ctx["running"].get((member.id, share_class.id), 0) + quantity
        low, high = share_class._coup_bounds(member)
        if high and total > high:
            error("quantity", quantity, _(
                "would give %(member)s %(total)s shares of %(cls)s: the statutes allow "
                "%(high)s at most", member=member.display_name, total=total,
                cls=share_class.name, high=high))
            return False
        if total < low:
            error("quantity", quantity, _(
                "would give %(member)s %(total)s shares of %(cls)s: the statutes ask for "
                "%(low)s at least", member=member.display_name, total=total,
                cls=share_class.name, low=low))
            return False
        ctx["seen"][key] = row["row"]
        ctx["running"][(member.id, share_class.id)] = total
        return True

    # ------------------------------------------------------------------ report

    def _coup_preview(self, header, rows):
        titles = {pos: key for key, pos in self._coup_rows()[2].items()}
        labels = {
            "member_number": _("Member Number"), "name": _("Name"), "last_name": _("Name"),
            "first_name": _("First Name"), "phone": _("Phone"), "national_id": _("National ID"),
            "birth_date": _("Birth Date"), "share_class": _("Share Class"),
            "quantity": _("Shares"), "amount": _("Subscribed"), "paid": _("Paid"),
            "date": _("Date"), "due_date": _("Due Date"), "former_numbers": _("Former Numbers"),
        }
        return self.env["ir.qweb"]._render("coup_member_registry.member_import_preview", {
            "header": header, "ignored": _("ignored"),
            "mapped": {pos: labels[key] for pos, key in titles.items()},
            "rows": [["" if i >= len(row["raw"]) else _text(row["raw"][i])[:40]
                      for i in range(len(header))] for row in rows[:10]]})

    def _coup_problem_html(self, bad):
        if not bad:
            return False
        lines = [(row["row"], column, _text(value), message)
                 for row in bad[:100] for column, value, message in row["errors"]]
        more = _("… and %(count)s more rejected rows: download the file of rows to fix.",
                 count=len(bad) - 100) if len(bad) > 100 else False
        return self.env["ir.qweb"]._render("coup_member_registry.member_import_problems",
                                           {"lines": lines, "more": more})

    def _coup_rejected_workbook(self, header, bad):
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Rows to fix"))
        sheet.append([_("Row"), *[_text(h) for h in header], _("Why")])
        for row in bad:
            sheet.append([row["row"], *[_text(c) if is_formula(c) else c for c in row["raw"]],
                          "; ".join(_("%(column)s “%(value)s” %(message)s", column=column,
                                      value=_text(value), message=message)
                                    for column, value, message in row["errors"])])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    @api.model
    def _coup_format_error(self, row, column, value, message):
        return _("Row %(row)s, column %(column)s, value “%(value)s”: %(message)s",
                 row=row, column=column, value=_text(value), message=message)

    def action_check(self):
        """Dry run: read and check every row, show the preview and the rejected rows; writes
        nothing in the register."""
        self.ensure_one()
        self._coup_check_company()
        header, rows = self._coup_analyse()
        bad = [r for r in rows if r["errors"]]
        good = [r for r in rows if not r["errors"]]
        vals = {
            "state": "checked", "row_count": len(rows), "error_count": len(bad),
            "share_count": sum(r["quantity"] for r in good),
            "amount_total": sum(r["amount"] for r in good),
            "paid_total": sum(r["paid"] for r in good),
            "preview_html": self._coup_preview(header, rows),
            "error_html": self._coup_problem_html(bad),
            "rejected_file": False, "rejected_filename": False}
        if bad:
            vals.update(
                rejected_file=base64.b64encode(self._coup_rejected_workbook(header, bad)),
                rejected_filename=_("rows_to_fix_%s.xlsx",
                                    (self.filename or "capital").rsplit(".", 1)[0]))
        self.write(vals)
        return self._coup_reopen()

    def _coup_reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new"}

    # ------------------------------------------------------------------ importing

    def action_import(self):
        """All rows in one transaction, or none; the rejected rows left out only when the user
        said so."""
        self.ensure_one()
        self._coup_check_company()
        if self.state == "done":
            raise UserError(_("This register has already been imported."))
        header, rows = self._coup_analyse()
        bad = [r for r in rows if r["errors"]]
        if bad and not self.skip_invalid:
            first = bad[0]
            raise UserError(_(
                "Rows in error in %(file)s: %(count)s, nothing was imported. The first: "
                "%(error)s. Fix them, or tick “Skip Rejected Rows” to import the valid rows "
                "only.", file=self.filename or "", count=len(bad),
                error=self._coup_format_error(first["row"], *first["errors"][0])))
        good = [r for r in rows if not r["errors"]]
        if not good:
            raise UserError(_("No row of %s can be imported: nothing was imported.",
                              self.filename or ""))
        subscriptions = self._coup_import(good)
        self.write({
            "state": "done", "row_count": len(rows), "error_count": len(bad),
            "share_count": sum(r["quantity"] for r in good),
            "amount_total": sum(r["amount"] for r in good),
            "paid_total": sum(r["paid"] for r in good),
            "subscription_ids": [fields.Command.set(subscriptions.ids)],
            "error_html": self._coup_problem_html(bad),
            "rejected_file": base64.b64encode(self._coup_rejected_workbook(header, bad))
            if bad else False,
            "rejected_filename": _("rows_to_fix_%s.xlsx",
                                   (self.filename or "capital").rsplit(".", 1)[0])
            if bad else False,
            "result_message": _(
                "Subscriptions imported: %(done)s (%(shares)s shares). Rejected rows skipped: "
                "%(skipped)s.", done=len(good), shares=sum(r["quantity"] for r in good),
                skipped=len(bad))})
        return self._coup_reopen()

    def _coup_import(self, rows):
        """The subscriptions, confirmed in the order of their dates (the register's numbers
        follow them), then what was paid."""
        rows = sorted(rows, key=lambda r: (r["date"], r["row"]))
        vals_list = []
        for row in rows:
            unpaid = row["amount"] - row["paid"]
            vals_list.append({
                "company_id": self.company_id.id, "membership_id": row["membership"].id,
                "share_class_id": row["share_class"].id, "quantity": row["quantity"],
                "date": row["date"], "origin": "import",
                "instalment_count": 2 if row["paid"] and unpaid else 1,
                "import_paid": row["paid"], "import_due_date": row["due_date"],
                "former_numbers": row["former_numbers"]})
        subscriptions = self.env["coup.share.subscription"].with_company(
            self.company_id).create(vals_list)
        subscriptions._coup_confirm(book=self.entries == "book")
        paid = subscriptions.instalment_ids.filtered(
            lambda i: i.sequence == 1 and i.subscription_id.import_paid)
        if self.entries == "book":
            journal = self.company_id._coup_capital_payment_journal()
            for date in sorted(set(paid.mapped("due_date"))):
                paid.filtered(lambda i, date=date: i.due_date == date)._coup_pay(
                    journal.default_account_id, journal, date)
        else:
            paid._coup_paid_in_opening_balance()
        return subscriptions

    def action_download_rejected(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/web/content/coup.capital.import/%s/rejected_file/%s?download=true" % (
                    self.id, self.rejected_filename)}


def _text(value):
    if value is None:
        return ""
    return value["formula"] if is_formula(value) else str(value)

