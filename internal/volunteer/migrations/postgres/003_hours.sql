-- Hours a volunteer adds by hand for an organisation (hours of shifts come
-- from the places taken and need no row): pending until one of the
-- organisation's owners or editors approves or rejects them. day is the
-- day's first moment in Europe/Berlin.
CREATE TABLE volunteer_hours (
	id UUID PRIMARY KEY,
	organization_id UUID NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	user_id UUID NOT NULL,
	day TIMESTAMPTZ NOT NULL,
	minutes INTEGER NOT NULL CHECK (minutes > 0),
	activity TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
	decided_by UUID,
	decided_at TIMESTAMPTZ,
	created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX volunteer_hours_user ON volunteer_hours (user_id, day);
CREATE INDEX volunteer_hours_org ON volunteer_hours (organization_id, status, day);
