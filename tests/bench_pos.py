#!/usr/bin/env python3
"""Benchmark of the coop shop's till: a session with 3,000 products and 20,000 members.

    python3 tests/bench_pos.py -c .coup/demo.conf -d coup_demo [--products 3000]
        [--members 20000] [--orders 500] [--browser] [--stock closing|real]

Needs coup_pos_coop (with demo data: Odoo's demo shop is the till used) on a throwaway
database: it commits ``--products`` products with barcodes and ``--members`` members with cards
in the demo company. It prints:

- the server's time to load the till's data when a session opens (target under 2 s), and to
  build the register kept in the browser for checking cards offline, with its size;
- ``--orders`` tickets synced in one batch as the till sends them after an outage (target under
  30 s), then the same batch sent again: how many tickets the second sending added (target 0);
- with ``--browser`` (Chromium and the playwright driver), the time from a card or product
  scan to its line on the screen, in the real till (target under 100 ms).
"""
import argparse
import json
import os
import sys
import time
import uuid as uuidlib


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--products", type=int, default=3000)
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--orders", type=int, default=500)
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--stock", choices=["closing", "real", "company"], default="closing",
                        help="when the till updates stock: at session closing (default), for "
                             "each ticket, or as the company is set")
    args = parser.parse_args()

    import odoo
    sys.path.insert(0, os.path.dirname(__file__))
    from bench_common import open_registry
    registry = open_registry(args.config, args.database)
    from odoo.addons.coup_member_registry.tools.bulk_create import bulk_create

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        config = env.ref("point_of_sale.pos_config_main")
        company = config.company_id
        # the demo shop shows a few categories only; a grocery's till sells its whole catalogue
        if config.limit_categories:
            config.write({"limit_categories": False, "iface_available_categ_ids": [(5,)]})
        # stock updated when the session closes (Odoo's default; the demo company updates it
        # ticket by ticket, which alone costs about 80 ms per ticket when a batch arrives)
        if args.stock != "company":
            company.point_of_sale_update_stock_quantities = args.stock
        print("stock updated: %s" % company.point_of_sale_update_stock_quantities)
        stamp = int(time.time()) % 100000
        start = time.perf_counter()
        env["product.template"]._coup_demo_grocery_catalogue(
            company.id, products=args.products, first_barcode=stamp * 10000)
        print("set-up: %d products in %.1f s" % (args.products, time.perf_counter() - start),
              flush=True)
        start = time.perf_counter()
        partners = bulk_create(env["res.partner"], [
            {"name": "Membre %06d" % n, "active": True, "type": "contact"}
            for n in range(args.members)], computed_by_caller=("complete_name",))
        cr.execute("""UPDATE res_partner SET barcode = jsonb_build_object(%s, '042' ||
                      lpad(id::text, 10, '0')) WHERE id = ANY(%s)""",
                   (str(company.id), partners.ids))
        numbers = company._coup_next_member_numbers(len(partners))
        bulk_create(env["coup.membership"], [
            {"partner_id": pid, "company_id": company.id, "member_number": number,
             "membership_type": "principal", "state": "active", "active": True,
             "join_date": "2020-01-01"} for pid, number in zip(partners.ids, numbers)])
        env.invalidate_all()
        print("set-up: %d members with cards in %.1f s" % (args.members,
                                                            time.perf_counter() - start))
        admin = env.ref("base.user_admin")
        admin.write({"company_id": company.id, "company_ids": [(4, company.id)]})
        config.with_user(admin).open_ui()
        session = config.current_session_id
        cr.commit()

        user_env = env(user=admin.id, context={"allowed_company_ids": [company.id]})
        session_u = session.with_env(user_env)
        models = session_u._load_pos_data_models(config.id)
        for _attempt in ("cold", "warm"):
            user_env.invalidate_all()
            start = time.perf_counter()
            data = session_u.load_data(models)
            elapsed = time.perf_counter() - start
        products = len(data["product.product"]["data"])
        print("server: session data loaded in %.2f s (warm; %d products, %d customers, %.1f MB)"
              "; target under 2 s" % (elapsed, products, len(data["res.partner"]["data"]),
                                      len(json.dumps(data, default=str)) / 1e6))
        start = time.perf_counter()
        index = config.with_env(user_env).coup_member_index()
        print("server: offline register of %d cards built in %.2f s (%.1f MB as JSON)"
              % (len(index), time.perf_counter() - start, len(json.dumps(index)) / 1e6))

        product_ids = [p["id"] for p in data["product.product"]["data"][:200]]
        Product = user_env["product.product"]
        payment_method = config.payment_method_ids[:1]
        orders = []
        for n in range(args.orders):
            lines = []
            for k in range(3):
                product = Product.browse(product_ids[(n * 3 + k) % len(product_ids)])
                lines.append((0, 0, {"product_id": product.id, "qty": 1, "price_unit":
                                     product.lst_price, "price_subtotal": product.lst_price,
                                     "price_subtotal_incl": product.lst_price,
                                     "tax_ids": [(6, 0, [])], "pack_lot_ids": []}))
            total = sum(line[2]["price_subtotal_incl"] for line in lines)
            ref = str(uuidlib.uuid4())
            orders.append({
                "amount_paid": total, "amount_return": 0, "amount_tax": 0,
                "amount_total": total, "date_order": odoo.fields.Datetime.to_string(
                    odoo.fields.Datetime.now()),
                "pricelist_id": config.pricelist_id.id, "name": "Order %s" % ref,
                "last_order_preparation_change": "{}", "lines": lines,
                "partner_id": partners[n].id, "session_id": session.id,
                "sequence_number": n + 1, "uuid": ref, "user_id": admin.id,
                "to_invoice": False, "state": "paid", "payment_ids": [(0, 0, {
                    "amount": total, "name": odoo.fields.Datetime.now(),
                    "payment_method_id": payment_method.id})]})
        Order = user_env["pos.order"]
        start = time.perf_counter()
        Order.sync_from_ui(json.loads(json.dumps(orders, default=str)))
        elapsed = time.perf_counter() - start
        synced = Order.search_count([("session_id", "=", session.id)])
        start = time.perf_counter()
        Order.sync_from_ui(json.loads(json.dumps(orders, default=str)))
        again = time.perf_counter() - start
        after = Order.search_count([("session_id", "=", session.id)])
        print("server: %d offline tickets synced in one batch in %.1f s (%d recorded); sent "
              "again in %.1f s: %d more recorded; target under 30 s, none twice"
              % (args.orders, elapsed, synced, again, after - synced))
        cr.commit()
        cards = [row[0] for row in index[:20]]
        barcodes = [p["barcode"] for p in data["product.product"]["data"]
                    if p.get("barcode") and not p.get("to_weight")][:20]

    if args.browser:
        browser_scans(args, config.id, cards, barcodes)


def browser_scans(args, config_id, cards, barcodes):
    from bench_common import odoo_in_browser
    with odoo_in_browser(args.config, args.database) as (page, base):
        start = time.perf_counter()
        page.goto(base + "/pos/ui?config_id=%d" % config_id)
        page.wait_for_function("window.posmodel && posmodel.session", timeout=180000)
        page.wait_for_selector(".product-screen, .screen-login .open-register-btn",
                               timeout=60000)
        login = page.query_selector(".screen-login .open-register-btn")
        if login:
            login.click()
        print("browser: the till opens in %.2f s" % (time.perf_counter() - start),
              flush=True)
        opening = page.query_selector(".modal .btn-primary:has-text('Open Register')")
        if opening:
            opening.click()
            page.wait_for_selector(".modal", state="detached", timeout=10000)
        timings = page.evaluate("""async ([cards, barcodes]) => {
            const reader = posmodel.env.services.barcode_reader;
            const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
            const until = async (changed) => {
                const limit = performance.now() + 5000;
                while (!changed() && performance.now() < limit) { await frame(); }
            };
            const lines = () => document.querySelectorAll('.order-container .orderline').length;
            const partner = () => document.querySelector('.set-partner')?.textContent || '';
            const result = {card: [], product: []};
            for (const code of cards) {
                const before = partner();
                const t0 = performance.now();
                await reader.scan(code);
                await until(() => partner() !== before);
                result.card.push(performance.now() - t0);
            }
            for (const code of barcodes) {
                const before = lines();
                const t0 = performance.now();
                await reader.scan(code);
                await until(() => lines() !== before);
                result.product.push(performance.now() - t0);
            }
            return result;
        }""", [cards, barcodes])
        for kind, values in timings.items():
            values = sorted(values)
            print("browser: %s scan to its line on screen: median %.0f ms, worst %.0f ms "
                  "(%d scans); target under 100 ms" % (
                      kind, values[len(values) // 2], values[-1], len(values)))


if __name__ == "__main__":
    main()
