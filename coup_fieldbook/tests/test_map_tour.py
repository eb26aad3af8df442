import json

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coup_member_registry.tests.common import CoupFederationMixin

from .common import FieldbookCase, square


@tagged("post_install", "-at_install")
class TestParcelMapTour(CoupFederationMixin, HttpCase):
    _coup_prefix = "Map Tour"

    def test_the_map_and_the_parcel_form_draw_in_the_browser(self):
        member = FieldbookCase.make_member.__func__(self.__class__, "Awa Tour", self.coop_ml,
                                                    member_number="ML-301")
        Parcel = self.env["coup.parcel"]
        Parcel.create([{"name": "Tour orchard", "company_id": self.coop_ml.id,
                        "membership_id": member.id, "geometry": json.dumps(square(-5.69, 11.27))},
                       {"name": "Tour point", "company_id": self.coop_ml.id,
                        "membership_id": member.id,
                        "geometry": json.dumps({"type": "Point", "coordinates": [-5.7, 11.3]})}])
        new_test_user(self.env, "map_tour_staff", password="map_tour_staff",
                      groups="coup_member_registry.group_coup_user,base.group_user",
                      company_id=self.coop_ml.id, company_ids=[self.coop_ml.id])
        self.env["ir.config_parameter"].set_param("leaflet.tile_url", "False")
        action = self.env.ref("coup_fieldbook.coup_parcel_map_action")
        self.start_tour("/odoo/action-%s" % action.id, "coup_fieldbook_map_tour",
                        login="map_tour_staff")
