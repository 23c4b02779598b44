-- Minutes of an assembly (§ 47 GenG): generated from what happened, frozen
-- when the chair confirms them, confirmed by a board member present, then
-- read-only.
CREATE TABLE coop_minutes (
	assembly_id UUID PRIMARY KEY REFERENCES coop_assemblies (id) ON DELETE CASCADE,
	text TEXT NOT NULL,
	chair_id UUID REFERENCES coop_members (id) ON DELETE SET NULL,
	chair_confirmed_at TIMESTAMPTZ NOT NULL,
	board_id UUID REFERENCES coop_members (id) ON DELETE SET NULL,
	board_confirmed_at TIMESTAMPTZ
);
