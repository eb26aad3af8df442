import base64
import json

from odoo.addons.coup_member_registry.tests.common import CoupCase


def square(lon, lat, size=0.001):
    """A square parcel whose south-west corner is (lon, lat): about 1.2 ha near Kléla."""
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + size, lat],
                                                [lon + size, lat + size], [lon, lat + size],
                                                [lon, lat]]]}


class FieldbookCase(CoupCase):
    """The registry's federation with crops, a member in each cooperative and a household."""

    _coup_prefix = "Fieldbook"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop_ml.partner_id.write({"partner_latitude": 11.27, "partner_longitude": -5.69})
        Product = cls.env["product.template"]
        cls.cashew = Product.create({"name": "Cashew (test)", "coup_is_crop": True,
                                     "default_code": "TCAJOU", "coup_yield_kg_ha": 1200})
        cls.cotton = Product.create({"name": "Cotton (test)", "coup_is_crop": True})
        cls.awa = cls.make_member("Awa Traoré", cls.coop_ml, member_number="ML-001",
                                  village="Kléla", gender="female")
        cls.awa_child = cls.make_member(
            "Fatou Traoré", cls.coop_ml, member_number="ML-001-1",
            membership_type="affiliated", principal_membership_id=cls.awa.id,
            relation="child")
        cls.siaka = cls.make_member("Siaka Keïta", cls.coop_ml, member_number="ML-002",
                                    village="Zanadougou", gender="male")
        cls.diego = cls.make_member("Diego Rojas", cls.coop_co, member_number="CO-001",
                                    village="La Plata")

    @classmethod
    def make_parcel(cls, membership, geometry=None, **vals):
        return cls.env["coup.parcel"].create(dict({
            "name": "Parcel of %s" % membership.partner_id.name,
            "company_id": membership.company_id.id, "membership_id": membership.id,
            "geometry": json.dumps(geometry) if isinstance(geometry, dict) else geometry,
        }, **vals))

    def geojson_file(self, features):
        return base64.b64encode(json.dumps(
            {"type": "FeatureCollection", "features": features}).encode())

    @staticmethod
    def feature(member, geometry, **properties):
        return {"type": "Feature", "geometry": geometry,
                "properties": dict({"member": member}, **properties)}
