-- A coordinator's referral of a request to a directory service; the
-- service's organisation says what came of it.
CREATE TABLE coordination_referrals (
	id uuid PRIMARY KEY,
	listing_id uuid NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
	service_id uuid NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	coordinator_id uuid REFERENCES users (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL,
	outcome TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'taken_up', 'not_possible')),
	outcome_at timestamptz
);
CREATE INDEX coordination_referrals_listing ON coordination_referrals (listing_id, created_at);
CREATE INDEX coordination_referrals_organization ON coordination_referrals (organization_id, created_at);
