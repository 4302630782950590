-- SPDX-License-Identifier: MIT
-- SPDX-FileCopyrightText: Taskmill developers
-- Invites for auth.registration = invite (docs/security.md): an admin makes one, its code is shown once, and
-- the registration that names it gets the invite's role. Only a SHA-256 of the code is kept, as for API tokens.

CREATE TABLE invites (
    id         bigserial   PRIMARY KEY,
    code_hash  bytea       NOT NULL UNIQUE,
    role       text        NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'viewer', 'operator', 'admin')),
    email      text        CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254), -- NULL: any e-mail
    created_by text,                  -- the actor who made it ("user:3", "token:2", "local")
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,           -- set by the registration that used it; an invite works once
    used_by    bigint      REFERENCES users (id) ON DELETE SET NULL
);
