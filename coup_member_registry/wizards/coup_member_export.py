import base64
import io
import re

import openpyxl

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CoupMemberExport(models.TransientModel):
    """The register as an .xlsx with the columns the import reads: a round trip changes
    nothing. One sheet per cooperative, so a federation exports all of its cooperatives."""

    _name = "coup.member.export"
    _description = "Member Register Export"

    company_ids = fields.Many2many(
        "res.company", string="Cooperatives", required=True,
        default=lambda self: self.env.companies._coup_with_member_companies(),
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)])
    include_left = fields.Boolean(string="Include Members Who Left")
    file = fields.Binary(readonly=True)
    filename = fields.Char(readonly=True)

    @api.model
    def _columns(self):
        """(header, value getter) pairs, headers in the user's language."""
        def label(record, fname):
            return dict(record._fields[fname]._description_selection(self.env)).get(
                record[fname], "") if record[fname] else None

        return [
            (_("Member Number"), lambda m: m.member_number),
            (_("Last Name"), lambda m: m.partner_id.member_last_name
             or (None if m.partner_id.member_first_name else m.partner_id.name)),
            (_("First Name"), lambda m: m.partner_id.member_first_name),
            (_("Gender"), lambda m: label(m.partner_id, "gender")),
            (_("Birth Date"), lambda m: m.partner_id.birth_date),
            (_("Phone"), lambda m: m.partner_id.phone),
            (_("Village"), lambda m: m.partner_id.village),
            (_("Member Type"), lambda m: label(m, "membership_type")),
            (_("Principal Member Number"), lambda m: m.principal_membership_id.member_number),
            (_("Relation"), lambda m: label(m, "relation")),
            (_("National ID"), lambda m: m.partner_id.national_id),
            (_("Join Date"), lambda m: m.join_date),
            (_("Email"), lambda m: m.partner_id.email),
        ]

    def _workbook(self):
        self.ensure_one()
        columns = self._columns()
        domain = [("company_id", "in", self.company_ids.ids)]
        if not self.include_left:
            domain.append(("state", "in", ("candidate", "active", "suspended")))
        memberships = self.env["coup.membership"].search(domain, order="company_id, member_number")
        if not memberships:
            raise UserError(_("These cooperatives have no member to export."))
        # fetch everything the columns read in a few queries
        memberships.partner_id.fetch(["name", "member_first_name", "member_last_name", "gender",
                                      "birth_date", "phone", "village", "national_id", "email"])
        memberships.principal_membership_id.fetch(["member_number"])
        workbook = openpyxl.Workbook(write_only=True)
        used = set()
        for company, group in memberships.grouped("company_id").items():
            sheet = workbook.create_sheet(self._sheet_title(company.name, used))
            sheet.append([header for header, __ in columns])
            for membership in group:
                sheet.append([getter(membership) or None for __, getter in columns])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    @staticmethod
    def _sheet_title(name, used):
        title = re.sub(r"[\[\]:*?/\\]", " ", name)[:31] or "Members"
        base, n = title, 2
        while title in used:
            suffix = " (%s)" % n
            title, n = base[:31 - len(suffix)] + suffix, n + 1
        used.add(title)
        return title

    def action_export(self):
        self.ensure_one()
        name = self.company_ids[0].name if len(self.company_ids) == 1 else _("federation")
        self.write({
            "file": base64.b64encode(self._workbook()),
            "filename": "%s_%s.xlsx" % (_("members"), re.sub(r"\W+", "_", name).strip("_")),
        })
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/coup.member.export/%s/file/%s?download=true" % (
                self.id, self.filename),
            "target": "self",
        }
