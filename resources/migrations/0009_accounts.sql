-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- Accounts, API tokens and task ownership (docs/security.md). No default account: the first admin comes from
-- `taskmilld user add EMAIL --role admin`, or --local's token file.

CREATE TABLE users (
    id            bigserial   PRIMARY KEY,
    email         text        NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    password_hash text        NOT NULL,   -- Argon2id, its parameters inside ($argon2id$v=19$m=…,t=…,p=…$…)
    role          text        NOT NULL CHECK (role IN ('user', 'viewer', 'operator', 'admin')),
    payloads      boolean     NOT NULL DEFAULT false, -- may see payloads, results and errors (admins always)
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Long-lived secrets for services and workers. Only a SHA-256 of the secret is kept: it is 256 random bits,
-- so a slow password hash would add nothing but latency to every request.
CREATE TABLE api_tokens (
    id           bigserial   PRIMARY KEY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    secret_hash  bytea       NOT NULL UNIQUE,
    role         text        NOT NULL CHECK (role IN ('user', 'viewer', 'operator', 'admin')),
    payloads     boolean     NOT NULL DEFAULT false,
    types        text[],                  -- NULL: every type; else only these (create, lease)
    created_by   text,                    -- the actor who made it ("user:3", "token:2", "local")
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Refresh tokens of logged-in users: rotated on every use, revoked by logout.
CREATE TABLE refresh_tokens (
    id          bigserial   PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_hash bytea       NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The key that signs access tokens (JWT, HS256), shared by every api process; made on first start.
CREATE TABLE auth_keys (
    name       text        PRIMARY KEY,
    secret     bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Who created a task ("user:<id>", "token:<id>", "local"; NULL for tasks from before accounts). A `user`
-- account sees and cancels only its own.
ALTER TABLE tasks ADD COLUMN owner text;
CREATE INDEX tasks_owner_idx ON tasks (owner, created_at DESC, id DESC) WHERE owner IS NOT NULL;
