from odoo import fields, models


class ResPartner(models.Model):
    """Members' numbers are stored as typed; Odoo's ``phone_sanitized`` (the E.164 number that
    Odoo's SMS are sent to, that the phone blacklist and our replies are matched on) reads them
    in the member's country: their own, else their cooperative's — not the country of whoever
    happens to be saving the record. Contacts that are not members keep Odoo's rules."""

    _inherit = "res.partner"

    # replies from members are matched on it, one search per incoming SMS (as crm.lead does)
    phone_sanitized = fields.Char(index="btree_not_null")

    def _phone_get_country(self):
        countries = super()._phone_get_country()
        for partner in self:
            if partner.id not in countries and partner.coup_membership_ids:
                country = partner._coup_phone_country()
                if country:
                    countries[partner.id] = country
        return countries
