package account

import (
	"context"
	"time"

	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/notify"
)

// noticeDigest is the daily mail of the notices held for people who chose
// a digest: its messages are the accounts module's, since the choice is
// made on the settings page.
var noticeDigest = notify.Digest{
	Subject:  "account.digest.subject",
	Greeting: "account.digest.greeting",
	Intro:    "account.digest.intro",
	More:     "account.digest.more",
	Action:   "account.digest.action",
	Footer:   "account.digest.footer",
	Inbox:    "/me/inbox",
	Settings: "/settings#notices",
}

// DigestEvery is how often the digest of notices goes out: once a day.
const DigestEvery = 24 * time.Hour

// Jobs: the daily digest of notices.
func (m *Module) Jobs() []jobs.Job {
	return []jobs.Job{{Name: "account.notice_digest", Every: DigestEvery, Timeout: 30 * time.Minute,
		Run: func(ctx context.Context, now time.Time) error { return m.s.Notify.SendDigests(ctx, noticeDigest, now) }}}
}
