-- Babeldesk core schema, revision 0001. Frozen: later changes go in new revisions.

CREATE TABLE workspaces (
	id BIGSERIAL NOT NULL, 
	slug TEXT NOT NULL, 
	name TEXT NOT NULL, 
	widget_key TEXT NOT NULL, 
	default_region TEXT DEFAULT 'default' NOT NULL, 
	settings JSONB DEFAULT '{}'::jsonb NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (slug), 
	UNIQUE (widget_key)
);

CREATE TABLE agents (
	id BIGSERIAL NOT NULL, 
	workspace_id BIGINT NOT NULL, 
	email TEXT NOT NULL, 
	name TEXT NOT NULL, 
	password_hash TEXT, 
	role TEXT DEFAULT 'agent' NOT NULL, 
	timezone TEXT DEFAULT 'UTC' NOT NULL, 
	tier INTEGER DEFAULT '1' NOT NULL, 
	languages JSONB DEFAULT '[]'::jsonb NOT NULL, 
	is_active BOOLEAN DEFAULT true NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT agents_role CHECK (role IN ('admin', 'supervisor', 'agent')), 
	FOREIGN KEY(workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE, 
	UNIQUE (email)
);

CREATE TABLE customers (
	id BIGSERIAL NOT NULL, 
	workspace_id BIGINT NOT NULL, 
	region TEXT NOT NULL, 
	name TEXT, 
	email TEXT, 
	phone TEXT, 
	preferred_language TEXT, 
	country TEXT, 
	timezone TEXT, 
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE INDEX customers_workspace_email ON customers (workspace_id, email);

CREATE TABLE teams (
	id BIGSERIAL NOT NULL, 
	workspace_id BIGINT NOT NULL, 
	name TEXT NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (workspace_id, name), 
	FOREIGN KEY(workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE webhook_endpoints (
	id BIGSERIAL NOT NULL, 
	workspace_id BIGINT NOT NULL, 
	url TEXT NOT NULL, 
	secret TEXT NOT NULL, 
	events JSONB DEFAULT '[]'::jsonb NOT NULL, 
	is_active BOOLEAN DEFAULT true NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE agent_teams (
	agent_id BIGINT NOT NULL, 
	team_id BIGINT NOT NULL, 
	PRIMARY KEY (agent_id, team_id), 
	FOREIGN KEY(agent_id) REFERENCES agents (id) ON DELETE CASCADE, 
	FOREIGN KEY(team_id) REFERENCES teams (id) ON DELETE CASCADE
);

CREATE TABLE api_tokens (
	id BIGSERIAL NOT NULL, 
	agent_id BIGINT NOT NULL, 
	kind TEXT NOT NULL, 
	name TEXT NOT NULL, 
	token_hash TEXT NOT NULL, 
	prefix TEXT NOT NULL, 
	expires_at TIMESTAMP WITH TIME ZONE, 
	last_used_at TIMESTAMP WITH TIME ZONE, 
	revoked_at TIMESTAMP WITH TIME ZONE, 
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT api_tokens_kind CHECK (kind IN ('session', 'personal')), 
	FOREIGN KEY(agent_id) REFERENCES agents (id) ON DELETE CASCADE, 
	UNIQUE (token_hash)
);

CREATE TABLE audit_log (
	id BIGSERIAL NOT NULL, 
	workspace_id BIGINT NOT NULL, 
	actor_agent_id BIGINT, 
	action TEXT NOT NULL, 
	target_type TEXT NOT NULL, 
	target_id BIGINT, 
	data JSONB DEFAULT '{}'::jsonb NOT NULL, 
	at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE, 
	FOREIGN KEY(actor_agent_id) REFERENCES agents (id) ON DELETE SET NULL
);

CREATE INDEX audit_log_workspace_at ON audit_log (workspace_id, at);

CREATE TABLE contact_identities (
	id BIGSERIAL NOT NULL, 
	workspace_id BIGINT NOT NULL, 
	customer_id BIGINT NOT NULL, 
	region TEXT NOT NULL, 
	channel TEXT NOT NULL, 
	external_id TEXT NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (workspace_id, channel, external_id), 
	FOREIGN KEY(workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE, 
	FOREIGN KEY(customer_id) REFERENCES customers (id) ON DELETE CASCADE
);

CREATE TABLE conversations (
	id BIGSERIAL NOT NULL, 
	workspace_id BIGINT NOT NULL, 
	customer_id BIGINT NOT NULL, 
	region TEXT NOT NULL, 
	channel TEXT NOT NULL, 
	status TEXT DEFAULT 'open' NOT NULL, 
	priority TEXT DEFAULT 'normal' NOT NULL, 
	assignee_id BIGINT, 
	team_id BIGINT, 
	tier INTEGER DEFAULT '1' NOT NULL, 
	language TEXT, 
	language_locked BOOLEAN DEFAULT false NOT NULL, 
	subject TEXT, 
	snoozed_until TIMESTAMP WITH TIME ZONE, 
	last_message_at TIMESTAMP WITH TIME ZONE, 
	last_message_preview TEXT, 
	waiting_since TIMESTAMP WITH TIME ZONE, 
	resolved_at TIMESTAMP WITH TIME ZONE, 
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT conversations_status CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')), 
	CONSTRAINT conversations_priority CHECK (priority IN ('low', 'normal', 'high', 'urgent')), 
	FOREIGN KEY(workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE, 
	FOREIGN KEY(customer_id) REFERENCES customers (id) ON DELETE CASCADE, 
	FOREIGN KEY(assignee_id) REFERENCES agents (id) ON DELETE SET NULL, 
	FOREIGN KEY(team_id) REFERENCES teams (id) ON DELETE SET NULL
);

CREATE INDEX conversations_assignee ON conversations (assignee_id, status);

CREATE INDEX conversations_customer ON conversations (customer_id);

CREATE INDEX conversations_inbox ON conversations (workspace_id, status, last_message_at);

CREATE TABLE webhook_deliveries (
	id BIGSERIAL NOT NULL, 
	endpoint_id BIGINT NOT NULL, 
	event_id TEXT NOT NULL, 
	event_type TEXT NOT NULL, 
	payload JSONB NOT NULL, 
	status TEXT DEFAULT 'pending' NOT NULL, 
	attempts INTEGER DEFAULT '0' NOT NULL, 
	last_error TEXT, 
	delivered_at TIMESTAMP WITH TIME ZONE, 
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (endpoint_id, event_id), 
	CONSTRAINT webhook_deliveries_status CHECK (status IN ('pending', 'delivered', 'failed')), 
	FOREIGN KEY(endpoint_id) REFERENCES webhook_endpoints (id) ON DELETE CASCADE
);

CREATE TABLE messages (
	id BIGSERIAL NOT NULL, 
	workspace_id BIGINT NOT NULL, 
	conversation_id BIGINT NOT NULL, 
	region TEXT NOT NULL, 
	direction TEXT NOT NULL, 
	author_type TEXT NOT NULL, 
	author_agent_id BIGINT, 
	body TEXT NOT NULL, 
	language TEXT, 
	language_confidence TEXT, 
	translations JSONB DEFAULT '{}'::jsonb NOT NULL, 
	delivery_status TEXT NOT NULL, 
	external_id TEXT, 
	client_id TEXT, 
	created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT messages_direction CHECK (direction IN ('inbound', 'outbound', 'internal')), 
	CONSTRAINT messages_author_type CHECK (author_type IN ('customer', 'agent', 'bot', 'system')), 
	CONSTRAINT messages_delivery_status CHECK (delivery_status IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed')), 
	CONSTRAINT messages_client_id UNIQUE (conversation_id, client_id), 
	FOREIGN KEY(workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE, 
	FOREIGN KEY(conversation_id) REFERENCES conversations (id) ON DELETE CASCADE, 
	FOREIGN KEY(author_agent_id) REFERENCES agents (id) ON DELETE SET NULL
);

CREATE INDEX messages_conversation ON messages (conversation_id, id);

CREATE UNIQUE INDEX messages_external_id ON messages (workspace_id, external_id) WHERE external_id IS NOT NULL;
