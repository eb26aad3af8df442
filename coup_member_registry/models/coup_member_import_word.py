from odoo import api, fields, models

LEAVE_EMPTY = "none"


class CoupMemberImportWord(models.Model):
    """A word of a cooperative's registers that the import did not know, and what it means.

    Registers are written in local words ("Fam.", "Cadet", "Mbr princ."): the data officer
    says once what such a word stands for, and every later import of that cooperative reads
    it so. A word left undecided is reported again at the next check.
    """

    _name = "coup.member.import.word"
    _description = "Register Word"
    _order = "company_id, field_key, word"
    _rec_name = "written"

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    field_key = fields.Selection(
        [("gender", "Gender"), ("membership_type", "Member Type"), ("relation", "Relation")],
        string="Column", required=True)
    word = fields.Char(string="Normalized Word", required=True, readonly=True,
                       help="The word without accents, case or punctuation, as it is compared.")
    written = fields.Char(string="Word", required=True, readonly=True,
                          help="The word as first written in a register.")
    row_count = fields.Integer(string="Rows", readonly=True,
                               help="Rows of the last checked register that hold this word.")
    gender_value = fields.Selection(
        [("male", "Male"), ("female", "Female"), ("other", "Other"), (LEAVE_EMPTY, "Leave empty")],
        string="Gender Means")
    membership_type_value = fields.Selection(
        [("principal", "Principal"), ("affiliated", "Affiliated"),
         (LEAVE_EMPTY, "From the principal column")], string="Member Type Means")
    relation_value = fields.Selection(
        [("spouse", "Spouse"), ("child", "Child"), ("parent", "Parent"), ("sibling", "Sibling"),
         ("other", "Other"), (LEAVE_EMPTY, "Leave empty")], string="Relation Means")
    decided = fields.Boolean(compute="_compute_decided", store=True)

    _sql_constraints = [
        ("word_unique", "unique(company_id, field_key, word)",
         "A cooperative gives one meaning to a word of a column."),
    ]

    @api.depends("field_key", "gender_value", "membership_type_value", "relation_value")
    def _compute_decided(self):
        for word in self:
            word.decided = bool(word._value())

    def _value(self):
        return self.field_key and self["%s_value" % self.field_key]

    @api.model
    def _words_for(self, company):
        """{field key: {normalized word: value or None}} of the decided words of ``company``."""
        words = {}
        for word in self.search([("company_id", "=", company.id), ("decided", "=", True)]):
            value = word._value()
            words.setdefault(word.field_key, {})[word.word] = (
                None if value == LEAVE_EMPTY else value)
        return words

    @api.model
    def _note_unknown(self, company, found):
        """Record the words of a check that nobody has decided yet; returns them.

        ``found``: {(field key, normalized word): (word as written, rows)}."""
        existing = self.search([("company_id", "=", company.id)])
        by_key = {(w.field_key, w.word): w for w in existing}
        new_vals, words = [], self.browse()
        for (key, normalized), (written, count) in found.items():
            if not normalized:
                continue
            word = by_key.get((key, normalized))
            if word:
                word.row_count = count
                words |= word
            else:
                new_vals.append({"company_id": company.id, "field_key": key, "word": normalized,
                                 "written": written, "row_count": count})
        return words | self.create(new_vals)
