import base64
import io
import math
import uuid

from PIL import Image

from odoo.tests import HttpCase, new_test_user

from odoo.addons.coup_member_registry.tests.common import CoupFederationMixin

KLELA = (-5.70, 11.30)


def square(lon, lat, side_m=100.0):
    """A square GeoJSON polygon of ``side_m`` metres around (lon, lat)."""
    dlat = side_m / 2 / 110574.0
    dlon = side_m / 2 / (111320.0 * math.cos(math.radians(lat)))
    ring = [[lon - dlon, lat - dlat], [lon + dlon, lat - dlat], [lon + dlon, lat + dlat],
            [lon - dlon, lat + dlat], [lon - dlon, lat - dlat]]
    return {"type": "Polygon", "coordinates": [[[round(x, 7), round(y, 7)] for x, y in ring]]}


def jpeg_b64(width=2000, height=1500):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (90, 140, 60)).save(out, "JPEG")
    return base64.b64encode(out.getvalue()).decode()


def new_uuid():
    return str(uuid.uuid4())


class FieldAppCase(CoupFederationMixin, HttpCase):
    """Two cooperatives (Mali, Colombia) with a field agent each, members in two villages of
    the Mali cooperative, a parcel each, and a member with a portal login."""

    _coup_prefix = "Field"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent_ml = new_test_user(
            cls.env, "field_agent_ml", groups="coup_member_registry.group_coup_user",
            company_id=cls.coop_ml.id, company_ids=[cls.coop_ml.id])
        cls.agent_co = new_test_user(
            cls.env, "field_agent_co", groups="coup_member_registry.group_coup_user",
            company_id=cls.coop_co.id, company_ids=[cls.coop_co.id])
        Partner, Membership = cls.env["res.partner"], cls.env["coup.membership"]
        people = Partner.create([
            {"name": "Awa Koné", "village": "Kléla", "phone": "76 79 32 92",
             "birth_date": "1980-03-04", "country_id": cls.env.ref("base.ml").id},
            {"name": "Moussa Traoré", "village": "Kléla"},
            {"name": "Fatou Diarra", "village": "Sanzana"},
            {"name": "Juan Pérez", "village": "La Vereda"},
        ])
        cls.awa, cls.moussa, cls.fatou, cls.juan = [
            Membership.create({"partner_id": p.id, "company_id": c.id, "state": "active"})
            for p, c in zip(people, [cls.coop_ml] * 3 + [cls.coop_co])]
        cls.portal_user = new_test_user(cls.env, "field_member", groups="base.group_portal",
                                        partner_id=cls.moussa.partner_id.id,
                                        name="Moussa Traoré")
        Parcel = cls.env["coup.parcel"]
        cls.parcel_awa = Parcel.create({"name": "Awa's field", "membership_id": cls.awa.id,
                                        "company_id": cls.coop_ml.id,
                                        "geometry": square(*KLELA)})
        cls.parcel_moussa = Parcel.create({
            "name": "Moussa's field", "membership_id": cls.moussa.id,
            "company_id": cls.coop_ml.id, "geometry": square(KLELA[0] + 0.01, KLELA[1])})
        cls.parcel_juan = Parcel.create({
            "name": "Juan's field", "membership_id": cls.juan.id, "company_id": cls.coop_co.id,
            "geometry": square(-75.6, 4.5)})

    def rpc(self, login, route, params=None):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(route, params or {})

    def sync(self, login, captures, batch=None):
        result = self.rpc(login, "/coup_field/sync",
                          {"batch": batch or new_uuid(), "captures": captures})
        return result["results"]
