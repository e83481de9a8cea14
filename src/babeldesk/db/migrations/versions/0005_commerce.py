"""The built-in store: orders, line items, shipments, tracking events, returns.

Revision ID: 0005
Revises: 0004

Frozen: later changes go in new revisions.
"""

from alembic import op

# Puts the tables on the shared metadata in any process that migrates, so schema checks see them.
import babeldesk.db.commerce_tables  # noqa: F401

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SCHEMA = """
CREATE TABLE store_orders (
    id BIGSERIAL NOT NULL,
    workspace_id BIGINT NOT NULL,
    region TEXT NOT NULL,
    number TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT DEFAULT '' NOT NULL,
    phone_tail TEXT DEFAULT '' NOT NULL,
    status TEXT NOT NULL,
    currency TEXT NOT NULL,
    total NUMERIC NOT NULL,
    shipping_address JSONB,
    placed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at TIMESTAMP WITH TIME ZONE,
    refund_state TEXT DEFAULT 'none' NOT NULL,
    refund_amount NUMERIC DEFAULT 0 NOT NULL,
    refunded_at TIMESTAMP WITH TIME ZONE,
    cancelled_at TIMESTAMP WITH TIME ZONE,
    cancel_reason TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT store_orders_number UNIQUE (workspace_id, number),
    CONSTRAINT store_orders_status
        CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
    CONSTRAINT store_orders_refund_state
        CHECK (refund_state IN ('none', 'requested', 'processing', 'refunded', 'rejected')),
    CONSTRAINT store_orders_amounts CHECK (total >= 0 AND refund_amount >= 0),
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE INDEX store_orders_email ON store_orders (workspace_id, email);
CREATE INDEX store_orders_phone ON store_orders (workspace_id, phone_tail);

CREATE TABLE store_line_items (
    id BIGSERIAL NOT NULL,
    order_id BIGINT NOT NULL,
    workspace_id BIGINT NOT NULL,
    region TEXT NOT NULL,
    position INTEGER NOT NULL,
    sku TEXT NOT NULL,
    title TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price NUMERIC NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT store_line_items_position UNIQUE (order_id, position),
    CONSTRAINT store_line_items_amounts CHECK (quantity > 0 AND unit_price >= 0),
    FOREIGN KEY (order_id) REFERENCES store_orders (id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE store_shipments (
    id BIGSERIAL NOT NULL,
    order_id BIGINT NOT NULL,
    workspace_id BIGINT NOT NULL,
    region TEXT NOT NULL,
    carrier TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    state TEXT NOT NULL,
    shipped_at TIMESTAMP WITH TIME ZONE,
    estimated_delivery TIMESTAMP WITH TIME ZONE,
    delivered_at TIMESTAMP WITH TIME ZONE,
    tracking_url TEXT DEFAULT '' NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT store_shipments_tracking_number UNIQUE (order_id, tracking_number),
    CONSTRAINT store_shipments_state CHECK (state IN
        ('label_created', 'in_transit', 'customs', 'out_for_delivery', 'delivered', 'exception')),
    FOREIGN KEY (order_id) REFERENCES store_orders (id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE INDEX store_shipments_lookup ON store_shipments (workspace_id, tracking_number);

CREATE TABLE store_tracking_events (
    id BIGSERIAL NOT NULL,
    shipment_id BIGINT NOT NULL,
    workspace_id BIGINT NOT NULL,
    region TEXT NOT NULL,
    at TIMESTAMP WITH TIME ZONE NOT NULL,
    state TEXT NOT NULL,
    description TEXT NOT NULL,
    location TEXT DEFAULT '' NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT store_tracking_events_state CHECK (state IN
        ('label_created', 'in_transit', 'customs', 'out_for_delivery', 'delivered', 'exception')),
    FOREIGN KEY (shipment_id) REFERENCES store_shipments (id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE INDEX store_tracking_events_shipment ON store_tracking_events (shipment_id, at);

CREATE TABLE store_returns (
    id BIGSERIAL NOT NULL,
    order_id BIGINT NOT NULL,
    workspace_id BIGINT NOT NULL,
    region TEXT NOT NULL,
    reference TEXT NOT NULL,
    reason TEXT NOT NULL,
    skus JSONB DEFAULT '[]'::jsonb NOT NULL,
    resolution TEXT NOT NULL,
    note TEXT DEFAULT '' NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT store_returns_reference UNIQUE (workspace_id, reference),
    CONSTRAINT store_returns_reason CHECK (reason IN ('defective', 'changed_mind')),
    CONSTRAINT store_returns_resolution CHECK (resolution IN ('refund', 'replacement')),
    FOREIGN KEY (order_id) REFERENCES store_orders (id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE INDEX store_returns_order ON store_returns (order_id);
"""


def upgrade() -> None:
    op.get_bind().exec_driver_sql(SCHEMA)
