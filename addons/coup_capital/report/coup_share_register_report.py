from odoo import api, models
from odoo.tools import SQL, format_amount, format_date


class ReportShareRegister(models.AbstractModel):
    """The share register as the general assembly and the auditor read it: for 20,000 members
    (some 60,000 lines) the rows come from one query, already in text, instead of a field
    widget per cell (the PDF of the issue's benchmark in under a minute)."""

    _name = "report.coup_capital.report_share_register"
    _description = "Share Register Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["coup.share.movement"].browse(docids)
        docs.check_access("read")
        docs = docs._filtered_access("read")
        self.env.flush_all()
        kinds = dict(docs._fields["kind"]._description_selection(self.env))
        self.env.cr.execute(SQL("""
            SELECT m.company_id, m.name, m.date, mp.name, mb.member_number, sc.name, m.kind,
                   m.quantity, m.number_from, m.number_to, m.amount, m.paid_amount, cp.name,
                   m.currency_id
              FROM coup_share_movement m
              JOIN coup_membership mb ON mb.id = m.membership_id
              JOIN res_partner mp ON mp.id = mb.partner_id
              JOIN coup_share_class sc ON sc.id = m.share_class_id
         LEFT JOIN coup_membership cm ON cm.id = m.counterpart_membership_id
         LEFT JOIN res_partner cp ON cp.id = cm.partner_id
             WHERE m.id = ANY(%s)
             ORDER BY m.company_id, m.sequence_number, m.id
        """, docs.ids))
        fetched = self.env.cr.fetchall()
        currencies = {c.id: c for c in docs.currency_id}
        lang = self.env.context.get("lang") or self.env.user.lang
        rows, dates = {}, {}
        for (company, name, date, member, number, share_class, kind, quantity, first, last,
             amount, paid, counterpart, currency) in fetched:
            currency = currencies[currency]
            class_name = share_class.get(lang) or share_class.get("en_US") \
                if isinstance(share_class, dict) else share_class
            rows.setdefault(company, []).append({
                "name": name or "",
                "date": dates.get(date) or dates.setdefault(date, format_date(self.env, date)),
                "member": "%s %s" % (number or "", member or ""),
                "class": class_name or "", "kind": kinds.get(kind, kind),
                "quantity": quantity or 0,
                "numbers": "%s–%s" % (first, last) if first else "",
                "amount": format_amount(self.env, amount or 0.0, currency),
                "paid": format_amount(self.env, paid or 0.0, currency),
                "counterpart": counterpart or ""})
        # wkhtmltopdf's time grows faster than the rows of a table (Odoo splits a body over
        # 4 MiB in tables of 500 rows, after parsing it again): the rows come in tables of 500,
        # one document per cooperative so that its pages are numbered through
        tables = {company: [company_rows[i:i + 500] for i in range(0, len(company_rows), 500)]
                  for company, company_rows in rows.items()}
        return {"doc_ids": docs.ids, "doc_model": "coup.share.movement", "docs": docs,
                "companies": docs.company_id, "register_rows": rows, "register_tables": tables}
