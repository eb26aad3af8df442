from odoo import api, fields, models


class CoupMemberBooklet(models.Model):
    _inherit = "coup.member.booklet"

    kind = fields.Selection(selection_add=[("parcel_registered", "Parcel Registered"),
                                           ("harvest", "Harvest")])

    @api.model
    def _booklet_units(self):
        return dict(super()._booklet_units(), **{"parcel_registered": "ha", "harvest": "kg"})

    @api.model
    def _booklet_queries(self):
        """Parcels registered (with their area) and harvests recorded, in the booklet."""
        return super()._booklet_queries() + [
            """
            SELECT p.create_date::date AS date, p.create_date AS moment, p.partner_id,
                   p.company_id, 'parcel_registered' AS kind,
                   concat(p.name, ' (', p.code, ')') AS name, 'coup.parcel' AS res_model,
                   p.id AS res_id, 0.0 AS amount,
                   COALESCE(NULLIF(p.area_ha, 0), p.declared_area_ha, 0.0) AS quantity
              FROM coup_parcel p
             WHERE p.active
            """,
            """
            SELECT o.date AS date, o.date::timestamp AS moment, o.partner_id, o.company_id,
                   'harvest' AS kind, concat(p.name, ' · ', o.season) AS name,
                   'coup.parcel.operation' AS res_model, o.id AS res_id, 0.0 AS amount,
                   o.quantity_kg AS quantity
              FROM coup_parcel_operation o JOIN coup_parcel p ON p.id = o.parcel_id
             WHERE o.kind = 'harvest' AND o.state = 'done'
            """,
        ]
