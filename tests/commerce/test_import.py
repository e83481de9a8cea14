"""``babeldesk store import``: JSON and CSV into the real database, idempotent, bad rows reported by line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select

from babeldesk.cli import HANDLERS, build_parser
from babeldesk.commerce.builtin import BuiltinStore
from babeldesk.commerce.importer import import_order_file
from babeldesk.commerce.models import OrderStatus, TrackingState
from babeldesk.commerce.order_files import OrderFileError
from babeldesk.db.commerce_tables import (
    store_line_items,
    store_orders,
    store_shipments,
    store_tracking_events,
)
from babeldesk.db.engine import Database
from babeldesk.settings import Settings
from tests.commerce.conftest import make_workspace
from tests.conftest import server_env

TABLES = (store_orders, store_line_items, store_shipments, store_tracking_events)

GOOD: dict[str, Any] = {
    "number": "#2001",
    "email": "Mia@Example.com",
    "status": "shipped",
    "currency": "usd",
    "total": 30,
    "placed_at": "2025-05-01T09:30:00",
    "items": [{"sku": "MUG", "title": "Mug", "quantity": 2, "unit_price": "15.00"}],
    "shipments": [
        {
            "carrier": "UPS",
            "tracking_number": "1Z999",
            "state": "in_transit",
            "events": [
                {"at": "2025-05-02T10:00:00Z", "state": "label_created", "description": "Label created"},
                {"at": "2025-05-03T10:00:00+02:00", "state": "in_transit", "description": "Departed"},
            ],
        }
    ],
}

CSV_HEADER = (
    "order_number,email,phone,status,currency,total,placed_at,ship_name,ship_line1,ship_city,"
    "ship_postal_code,ship_country,sku,title,quantity,unit_price,carrier,tracking_number,shipment_state\n"
)
CSV_ROWS = [
    "3001,leo@example.com,,shipped,EUR,35.00,2025-05-01 10:00,Leo,Via Roma 1,Roma,00100,it,A,Cup,1,10.00,"
    "GLS,GLS1,in_transit\n",
    "3002,,+39 333 1234567,paid,EUR,12.50,2025-05-02,Eva,Via Po 2,Torino,10100,IT,C,Tea,1,12.50,,,\n",
    "3001,leo@example.com,,shipped,EUR,35.00,2025-05-01 10:00,Leo,Via Roma 1,Roma,00100,it,B,Plate,1,25.00,"
    "GLS,GLS1,in_transit\n",
]


@pytest.fixture
async def workspace_id(db: Database) -> int:
    return await make_workspace(db, "import-shop")


async def counts(db: Database) -> list[int]:
    async with db.transaction() as conn:
        return [int(await conn.scalar(select(func.count()).select_from(t)) or 0) for t in TABLES]


async def run_import(db: Database, workspace_id: int, path: Path) -> tuple[list[str], list[str], list[str]]:
    async with db.transaction() as conn:
        result = await import_order_file(conn, workspace_id, path)
    return result.created, result.updated, [str(p) for p in result.problems]


async def test_json_orders_import_and_reimport_updates_in_place(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "orders.json"
    path.write_text(json.dumps([GOOD]))
    assert await run_import(db, workspace_id, path) == (["2001"], [], [])
    assert await counts(db) == [1, 1, 1, 2]
    order = await BuiltinStore(db, workspace_id).find_order("2001")
    assert order is not None
    assert (order.email, order.currency, str(order.total)) == ("mia@example.com", "USD", "30")
    assert order.placed_at.utcoffset() is not None and order.placed_at.hour == 9
    assert [e.at.isoformat() for e in order.shipments[0].events][1] == "2025-05-03T08:00:00+00:00"

    assert await run_import(db, workspace_id, path) == ([], ["2001"], [])
    assert await counts(db) == [1, 1, 1, 2]

    changed = {**GOOD, "status": "delivered", "delivered_at": "2025-05-05T12:00:00Z", "shipments": []}
    changed["items"] = [*GOOD["items"], {"sku": "SPOON", "title": "Spoon", "quantity": 1, "unit_price": "0"}]
    path.write_text(json.dumps([changed]))
    assert await run_import(db, workspace_id, path) == ([], ["2001"], [])
    assert await counts(db) == [1, 2, 0, 0]
    order = await BuiltinStore(db, workspace_id).find_order("2001")
    assert order is not None and order.status is OrderStatus.DELIVERED and order.shipments == ()


async def test_bad_json_orders_are_reported_by_line_and_the_good_ones_kept(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    bad_item = {
        **GOOD,
        "number": "2002",
        "items": [{"sku": "X", "title": "X", "quantity": 0, "unit_price": 1}],
    }
    undelivered = {**GOOD, "number": "2003", "status": "delivered", "shipments": []}
    text = "[\n" + ",\n".join(
        [
            json.dumps(GOOD),
            json.dumps(bad_item),
            '"not an order"',
            json.dumps({**GOOD, "number": "2004", "email": "", "phone": ""}),
            json.dumps(undelivered),
            json.dumps({**GOOD, "number": "2001", "total": 99}),
            json.dumps({**GOOD, "number": "2005"}),
            '{"number": "2006", "status": }',
            json.dumps({**GOOD, "number": "2007"}),
        ]
    )
    path = tmp_path / "orders.json"
    path.write_text(text)
    created, updated, problems = await run_import(db, workspace_id, path)
    assert (created, updated) == (["2001", "2005"], [])
    assert problems == [
        "line 3: order 2002: items.0.quantity: Input should be greater than 0",
        "line 4: an order must be a JSON object, not str",
        "line 5: order 2004: an order needs an email or a phone, or no customer can ever be verified",
        "line 6: order 2003: a delivered order needs delivered_at (on the order or on a shipment)",
        "line 7: order 2001 appears again (first at line 2)",
        "line 9: not valid JSON (Expecting value); the rest of the file was not read",
    ]
    order = await BuiltinStore(db, workspace_id).find_order("2001")
    assert order is not None and str(order.total) == "30"


async def test_a_file_that_is_not_an_order_list_imports_nothing(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "orders.json"
    path.write_text('{"orders": []}')
    assert await run_import(db, workspace_id, path) == (
        [],
        [],
        ["line 1: expected a JSON array of orders ([ {...}, ... ])"],
    )
    path.write_bytes(b'[{"number": "\xff"}]')
    with pytest.raises(OrderFileError, match="not UTF-8"):
        await run_import(db, workspace_id, path)
    with pytest.raises(OrderFileError, match=r"name it \.csv or \.json"):
        await run_import(db, workspace_id, tmp_path / "orders.xlsx")
    with pytest.raises(OrderFileError, match="cannot read"):
        await run_import(db, workspace_id, tmp_path / "missing.csv")
    assert await counts(db) == [0, 0, 0, 0]


async def test_csv_rows_become_orders_with_their_items_and_parcels(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("\ufeff" + CSV_HEADER + "".join(CSV_ROWS))
    assert await run_import(db, workspace_id, path) == (["3001", "3002"], [], [])
    store = BuiltinStore(db, workspace_id)
    first = await store.find_order("3001")
    assert first is not None
    assert [i.sku for i in first.items] == ["A", "B"]
    assert [(s.carrier, s.tracking_number, s.state) for s in first.shipments] == [
        ("GLS", "GLS1", TrackingState.IN_TRANSIT)
    ]
    assert first.shipping_address is not None and first.shipping_address.country == "IT"
    second = await store.find_order("3002")
    assert second is not None and second.email == "" and second.shipments == ()
    assert [o.number for o in await store.orders_for_contact(phone="333 123 4567")] == ["3002"]
    assert [o.number for o in await store.orders_for_contact(phone="+39 333 123 4568")] == []
    assert await run_import(db, workspace_id, path) == ([], ["3001", "3002"], [])
    assert await counts(db) == [2, 3, 1, 0]


async def test_a_bad_csv_row_rejects_its_order_and_names_its_line(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    rows = [
        CSV_ROWS[0],
        CSV_ROWS[1].replace(",1,12.50,", ",two,12.50,"),
        CSV_ROWS[2].replace("35.00", "36.00"),
        '4001,kim@example.com,,paid,KRW,1000,2025-05-03,Kim,"Line\nTwo",Seoul,04524,KR,K,Kimchi,1,1000,,,\n',
        "4002,kim@example.com,,paid,KRW,1000,2025-05-03,Kim,L,Seoul,1,KR,K,Kimchi,1,1000,DHL,,transit\n",
        "4003,kim@example.com,,shipped,KRW,1000,2025-05-03,Kim,L,Seoul,1,KR,K,Kimchi,1,1000,,,,extra\n",
        ",,,,,,,,,,,,,,,,,,\n",
        "4004,kim@example.com,,sent,KRW,1000,2025-05-03,Kim,L,Seoul,1,KR,K,Kimchi,1,1000,,,\n",
    ]
    path = tmp_path / "orders.csv"
    path.write_text(CSV_HEADER + "".join(rows))
    created, _, problems = await run_import(db, workspace_id, path)
    assert created == ["4001"]
    assert problems == [
        "line 3: order 3002: items.quantity: Input should be a valid integer, unable to parse string as an "
        "integer",
        "line 4: order 3001: different total than line 2 of the same order",
        "line 7: order 4002: shipment columns without a tracking_number",
        "line 8: 20 cells for 19 columns",
        "line 10: order 4004: status: Input should be 'pending', 'paid', 'shipped', 'delivered', 'cancelled' "
        "or 'refunded'",
    ]
    order = await BuiltinStore(db, workspace_id).find_order("4001")
    assert order is not None and order.shipping_address is not None
    assert order.shipping_address.line1 == "Line\nTwo"


async def test_a_csv_without_required_columns_imports_nothing(
    db: Database, workspace_id: int, tmp_path: Path
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        CSV_HEADER.replace("unit_price", "price").replace("email,phone", "mail,fone") + CSV_ROWS[0]
    )
    _, _, problems = await run_import(db, workspace_id, path)
    assert problems == [
        "line 1: missing columns: unit_price; unknown columns: fone, mail, price (nothing was imported)"
    ]
    assert await counts(db) == [0, 0, 0, 0]


def test_the_command_imports_reports_and_exits_with_what_happened(
    clean_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(CSV_HEADER + CSV_ROWS[0] + CSV_ROWS[1].replace("paid", "lost"))
    settings = Settings(database_url=clean_db, data_dir=tmp_path / "data")

    def store_import(*extra: str) -> tuple[int, str, str]:
        args = build_parser().parse_args(["store", "import", str(path), *extra])
        status = HANDLERS[args.command](settings, args)
        out, err = capsys.readouterr()
        return status, out.strip(), err.strip()

    assert store_import() == (
        2,
        "",
        "error: there is no workspace yet: run `babeldesk demo` or create one first",
    )
    with psycopg.connect(clean_db, autocommit=True) as conn:
        for slug in ("shop-a", "shop-b"):
            conn.execute(
                "INSERT INTO workspaces (slug, name, widget_key) VALUES (%s, %s, %s)", (slug, slug, slug)
            )
    assert store_import()[2] == "error: several workspaces; choose one with --workspace (shop-a, shop-b)"
    assert store_import("--workspace", "nope")[2] == "error: no workspace 'nope'; there are: shop-a, shop-b"
    # Once as a user runs it, to prove the command is wired into ``babeldesk``.
    command = [sys.executable, "-m", "babeldesk", "store", "import", str(path), "--workspace", "shop-b"]
    env = server_env(clean_db, tmp_path / "data")
    done = subprocess.run(
        [*command, "--format", "csv"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.strip() == "orders: 1 new, 0 updated, 1 problem(s)"
    assert done.stderr.startswith("skipped line 3: order 3002: status: Input should be")
    assert store_import("--workspace", "shop-b")[:2] == (1, "orders: 0 new, 1 updated, 1 problem(s)")
    with psycopg.connect(clean_db) as conn:
        query = "SELECT o.number, w.slug FROM store_orders o JOIN workspaces w ON w.id = o.workspace_id"
        assert conn.execute(query).fetchall() == [("3001", "shop-b")]
