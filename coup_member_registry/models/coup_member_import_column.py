from odoo import fields, models

IMPORT_FIELDS = [
    ("member_number", "Member Number"),
    ("last_name", "Last Name"),
    ("first_name", "First Name"),
    ("name", "Full Name"),
    ("gender", "Gender"),
    ("birth_date", "Birth Date"),
    ("phone", "Phone"),
    ("village", "Village"),
    ("membership_type", "Member Type"),
    ("principal_number", "Principal Member Number"),
    ("relation", "Relation"),
    ("national_id", "National ID"),
    ("join_date", "Join Date"),
    ("email", "Email"),
]


class CoupMemberImportColumn(models.Model):
    """One column of an uploaded register and the member field it fills (editable)."""

    _name = "coup.member.import.column"
    _description = "Member Import Column"
    _order = "import_id, sequence"

    import_id = fields.Many2one("coup.member.import", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(string="Column", help="Position of the column in the file, from 0.")
    header = fields.Char(string="Header in the File", readonly=True)
    sample = fields.Char(string="First Values", readonly=True)
    field_key = fields.Selection(IMPORT_FIELDS, string="Imported As",
                                 help="Leave empty to ignore the column.")

    def write(self, vals):
        if "field_key" in vals:
            # the rows must be read again with the new columns
            self.import_id.filtered("parsed_file").write({"parsed_file": False})
            self.import_id.filtered(lambda i: i.state == "checked").write({"state": "mapped"})
        return super().write(vals)
