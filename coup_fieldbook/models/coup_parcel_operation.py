from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

KINDS = [("planting", "Planting"), ("fertilising", "Fertilising"), ("treatment", "Treatment"),
         ("pruning", "Pruning"), ("weeding", "Weeding"), ("harvest", "Harvest"),
         ("inspection", "Inspection")]


class CoupParcelOperation(models.Model):
    """What was done, or is planned, on a parcel: a log in the manner of farmOS. Harvest logs
    give the production grown per parcel and season."""

    _name = "coup.parcel.operation"
    _description = "Field Operation"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    parcel_id = fields.Many2one("coup.parcel", required=True, index=True, ondelete="cascade",
                                check_company=True)
    company_id = fields.Many2one(related="parcel_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="parcel_id.partner_id", store=True, index=True,
                                 string="Holder")
    kind = fields.Selection(KINDS, required=True, default="inspection", tracking=True)
    state = fields.Selection([("planned", "Planned"), ("done", "Done")], required=True,
                             default="done", tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    season = fields.Char(compute="_compute_season", store=True, readonly=False,
                         help="The season the operation counts for; by default its year.")
    done_by_id = fields.Many2one("res.partner", string="Done By",
                                 help="The member, household member or technician.")
    product_id = fields.Many2one("product.product", string="Product",
                                 help="Seed, fertiliser or treatment product used.")
    dose = fields.Float(digits=(16, 3))
    dose_uom_id = fields.Many2one("uom.uom", string="Dose Unit")
    quantity = fields.Float(digits=(16, 3), help="Quantity harvested.")
    uom_id = fields.Many2one("uom.uom", string="Unit",
                             default=lambda self: self.env.ref("uom.product_uom_kgm",
                                                               raise_if_not_found=False))
    quantity_kg = fields.Float(string="Harvested (kg)", compute="_compute_quantity_kg",
                               store=True, digits=(16, 3))
    notes = fields.Text()
    attachment_ids = fields.Many2many("ir.attachment", string="Photos")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity >= 0 AND dose >= 0)",
         "Quantities and doses cannot be negative."),
    ]

    @api.depends("kind", "parcel_id.name", "date")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for operation in self:
            operation.name = "%s · %s" % (labels.get(operation.kind, ""),
                                          operation.parcel_id.name or "")

    @api.depends("date")
    def _compute_season(self):
        for operation in self:
            operation.season = str(operation.date.year) if operation.date else False

    @api.depends("quantity", "uom_id", "kind")
    def _compute_quantity_kg(self):
        kg = self.env.ref("uom.product_uom_kgm", raise_if_not_found=False)
        for operation in self:
            qty = 0.0
            if operation.kind == "harvest" and operation.quantity:
                uom = operation.uom_id
                if not uom or uom == kg:
                    qty = operation.quantity
                elif kg and uom.category_id == kg.category_id:
                    qty = uom._compute_quantity(operation.quantity, kg, round=False)
            operation.quantity_kg = qty

    @api.constrains("kind", "state", "quantity", "uom_id")
    def _check_harvest(self):
        kg = self.env.ref("uom.product_uom_kgm", raise_if_not_found=False)
        for operation in self:
            if operation.kind != "harvest" or operation.state != "done":
                continue
            if operation.quantity <= 0:
                raise ValidationError(_(
                    "The harvest on “%(parcel)s” of %(date)s needs the quantity harvested.",
                    parcel=operation.parcel_id.name, date=operation.date))
            if operation.uom_id and kg and operation.uom_id.category_id != kg.category_id:
                raise ValidationError(_(
                    "A harvest is weighed: “%(unit)s” is not a unit of weight.",
                    unit=operation.uom_id.name))
