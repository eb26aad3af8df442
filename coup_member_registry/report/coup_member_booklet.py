from odoo import api, fields, models


class CoupMemberBooklet(models.Model):
    """Every tie a member has with their cooperatives, in date order.

    A read-only SQL view, as Odoo's report models are. Each module adds its rows by extending
    ``_booklet_queries`` with ``super()`` and ``kind`` with ``selection_add``; the registry never
    names them. Each query returns the columns of ``_booklet_columns``; amounts are in the
    cooperative's currency, which the view adds (``currency_id``).
    """

    _name = "coup.member.booklet"
    _description = "Member Booklet"
    _auto = False
    _order = "date desc, moment desc, id desc"
    _rec_name = "name"

    date = fields.Date(readonly=True)
    moment = fields.Datetime(
        string="Recorded On", readonly=True,
        help="When the tie was recorded: orders the rows of a same date.")
    partner_id = fields.Many2one("res.partner", string="Member", readonly=True)
    company_id = fields.Many2one("res.company", string="Cooperative", readonly=True)
    kind = fields.Selection(
        [("membership_join", "Joined"), ("membership_exit", "Left"),
         ("membership_status", "Status Changed")], string="What", readonly=True)
    name = fields.Char(string="Details", readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(string="Document", model_field="res_model", readonly=True)
    currency_id = fields.Many2one(
        "res.currency", string="Currency", readonly=True,
        help="The cooperative's currency: amounts are in the currency of the cooperative the "
             "row belongs to.")
    amount = fields.Monetary(string="Amount", readonly=True)
    quantity = fields.Float(string="Quantity", readonly=True)
    quantity_unit = fields.Char(
        string="Unit", compute="_compute_quantity_unit",
        help="The unit of the row's quantity (kg of produce, ha of a parcel…): quantities of "
             "different kinds do not add up.")
    membership_id = fields.Many2one(
        "coup.membership", string="Membership", readonly=True,
        help="The member's membership in the row's cooperative (member number and name): two "
             "members of the same name stay apart.")

    @api.model
    def _booklet_units(self):
        """``{kind: unit}`` of the kinds whose rows carry a quantity; extend with super()."""
        return {}

    @api.depends("kind")
    def _compute_quantity_unit(self):
        units = self._booklet_units()
        for line in self:
            line.quantity_unit = units.get(line.kind, "") if line.quantity else ""

    _booklet_columns = ("date", "moment", "partner_id", "company_id", "kind", "name",
                        "res_model", "res_id", "amount", "quantity")

    @api.model
    def _booklet_queries(self):
        """SELECT statements of booklet rows, one per kind of tie; extend with super()."""
        return [
            """
            SELECT m.join_date AS date, m.create_date AS moment, m.partner_id, m.company_id,
                   'membership_join' AS kind,
                   m.member_number AS name, 'coup.membership' AS res_model, m.id AS res_id,
                   0.0 AS amount, 0.0 AS quantity
              FROM coup_membership m
             WHERE m.join_date IS NOT NULL
            """,
            """
            SELECT m.exit_date AS date, m.write_date AS moment, m.partner_id, m.company_id,
                   'membership_exit' AS kind,
                   m.exit_reason AS name, 'coup.membership' AS res_model,
                   m.id AS res_id, 0.0 AS amount, 0.0 AS quantity
              FROM coup_membership m
             WHERE m.exit_date IS NOT NULL
            """,
            """
            SELECT msg.date::date AS date, msg.date AS moment, m.partner_id, m.company_id,
                   'membership_status' AS kind,
                   concat_ws(' → ', tv.old_value_char, tv.new_value_char) AS name,
                   'coup.membership' AS res_model, m.id AS res_id, 0.0 AS amount,
                   0.0 AS quantity
              FROM mail_tracking_value tv
              JOIN mail_message msg ON msg.id = tv.mail_message_id
              JOIN ir_model_fields f ON f.id = tv.field_id
              JOIN coup_membership m ON m.id = msg.res_id
             WHERE msg.model = 'coup.membership' AND f.model = 'coup.membership'
               AND f.name = 'state'
            """,
        ]

    @api.model
    def _booklet_field_sql(self, model_name, alias, fname):
        """SQL text reading ``alias.fname`` of ``model_name`` as the ORM reads it: a
        translated field in the reader's language (the user's, or the context's ``lang``),
        falling back as Odoo does, rather than the English of its JSON column. The text is
        part of ``_table_query``, where a ``%`` must be doubled."""
        sql = self.env[model_name]._field_to_sql(alias, fname)
        return self._booklet_sql_text(sql.code, sql.params)

    @api.model
    def _booklet_sql_text(self, code, params):
        """``code`` with ``params`` quoted by the database driver, as ``_table_query`` text."""
        return self.env.cr.mogrify(code, params).decode().replace("%", "%%")

    @property
    def _table_query(self):
        columns = ", ".join(self._booklet_columns)
        union = "\nUNION ALL\n".join(
            "SELECT %s FROM (%s) q" % (columns, query) for query in self._booklet_queries())
        # A stable id without a window function, so that filters on partner_id reach every
        # branch of the union (52 bits: exact in the web client's numbers).
        return """
            SELECT ('x' || substr(md5(concat_ws('|', rows.kind, rows.res_model, rows.res_id,
                                                rows.date, rows.moment, rows.name, rows.amount,
                                                rows.quantity)), 1, 13))::bit(52)::bigint AS id,
                   %s, company.currency_id, member.id AS membership_id
              FROM (%s) rows
         LEFT JOIN res_company company ON company.id = rows.company_id
         LEFT JOIN LATERAL (
                    SELECT m.id FROM coup_membership m
                     WHERE m.partner_id = rows.partner_id AND m.company_id = rows.company_id
                  ORDER BY m.join_date DESC NULLS LAST, m.id DESC LIMIT 1
                   ) member ON TRUE
        """ % (", ".join("rows.%s" % column for column in self._booklet_columns), union)

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
