-- A volunteer's profile: never public; seen by the organisations whose
-- roster the person is on and by coordinators. availability holds 21
-- characters, '1' or '0', for mornings, afternoons and evenings of Monday
-- to Sunday in that order.
CREATE TABLE volunteer_profiles (
	user_id UUID PRIMARY KEY,
	latin_name TEXT NOT NULL DEFAULT '',
	postcode TEXT NOT NULL DEFAULT '',
	place TEXT NOT NULL DEFAULT '',
	radius_km INTEGER NOT NULL DEFAULT 0,
	max_hours_month INTEGER NOT NULL DEFAULT 0,
	availability TEXT NOT NULL DEFAULT '000000000000000000000',
	contact TEXT NOT NULL DEFAULT 'message' CHECK (contact IN ('message', 'email')),
	updated_at TIMESTAMPTZ NOT NULL
);

-- The skills and interests of a profile: categories of the taxonomy.
CREATE TABLE volunteer_profile_skills (
	user_id UUID NOT NULL REFERENCES volunteer_profiles (user_id) ON DELETE CASCADE,
	category TEXT NOT NULL,
	PRIMARY KEY (user_id, category)
);
CREATE INDEX volunteer_profile_skills_category ON volunteer_profile_skills (category);

-- The languages of a profile, each with a level.
CREATE TABLE volunteer_profile_languages (
	user_id UUID NOT NULL REFERENCES volunteer_profiles (user_id) ON DELETE CASCADE,
	lang TEXT NOT NULL,
	level TEXT NOT NULL CHECK (level IN ('native', 'fluent', 'basic')),
	PRIMARY KEY (user_id, lang)
);
CREATE INDEX volunteer_profile_languages_lang ON volunteer_profile_languages (lang);
