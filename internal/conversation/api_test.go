package conversation_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/conversation"
)

func TestAPI(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben, stranger, jonas := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de"), e.newPerson(t, "Fremd", "de"),
			e.newPerson(t, "Jonas", "de")
		org := e.newOrg(t, ben, "Nachbarschaftshilfe")
		e.Join(t, ben, jonas, org)
		annaToken, benToken, strangerToken, jonasToken := e.Token(t, anna.Email), e.Token(t, ben.Email), e.Token(t, stranger.Email),
			e.Token(t, jonas.Email)
		convID := e.start(t, sofa, anna, "Hallo Ben", conversation.Participant{UserID: ben.ID, OrgID: org})
		messages := "/api/v1/conversations/" + convID + "/messages"

		if status, _ := e.API(t, "", http.MethodGet, "/api/v1/conversations", nil); status != http.StatusUnauthorized {
			t.Errorf("list without token: %d", status)
		}
		status, list := e.API(t, benToken, http.MethodGet, "/api/v1/conversations", nil)
		convs, _ := list["conversations"].([]any)
		if status != 200 || len(convs) != 1 || list["unread"] != 1.0 {
			t.Fatalf("ben's list: %d %v", status, list)
		}
		c := convs[0].(map[string]any)
		about := c["about"].(map[string]any)
		with := c["with"].([]any)
		if c["id"] != convID || c["unread"] != 1.0 || c["messages"] != 1.0 || about["title"] != sofa.Title || about["url"] != sofa.URL ||
			len(with) != 1 || with[0].(map[string]any)["name"] != "Anna" || with[0].(map[string]any)["user_id"] != anna.ID {
			t.Errorf("ben's conversation: %v", c)
		}
		if strings.Contains(fmt.Sprint(list), anna.Email) {
			t.Error("the list carries an e-mail address")
		}
		if _, list := e.API(t, strangerToken, http.MethodGet, "/api/v1/conversations", nil); len(list["conversations"].([]any)) != 0 {
			t.Errorf("stranger's list: %v", list)
		}

		// Reading the newest messages marks them read.
		status, got := e.API(t, benToken, http.MethodGet, messages, nil)
		msgs, _ := got["messages"].([]any)
		if status != 200 || len(msgs) != 1 || msgs[0].(map[string]any)["body"] != "Hallo Ben" ||
			msgs[0].(map[string]any)["author_name"] != "Anna" || msgs[0].(map[string]any)["seq"] != 1.0 {
			t.Fatalf("ben reads: %d %v", status, got)
		}
		if e.unread(t, ben) != 0 {
			t.Error("reading through the API did not mark read")
		}

		// Writing.
		status, posted := e.API(t, benToken, http.MethodPost, messages, map[string]any{"body": "  Ja, gern!  "})
		if status != http.StatusCreated || posted["body"] != "Ja, gern!" || posted["author_id"] != ben.ID || posted["seq"] != 2.0 {
			t.Errorf("ben posts: %d %v", status, posted)
		}
		status, problem := e.API(t, benToken, http.MethodPost, messages, map[string]any{"body": " "})
		if status != http.StatusUnprocessableEntity || !strings.Contains(fmt.Sprint(problem["errors"]), "body.body") ||
			!strings.Contains(fmt.Sprint(problem["errors"]), "Bitte schreib eine Nachricht.") {
			t.Errorf("empty post: %d %v", status, problem)
		}
		// The organisation's other member reads and writes; strangers nothing.
		if status, _ := e.API(t, jonasToken, http.MethodGet, messages, nil); status != 200 {
			t.Errorf("org member reads: %d", status)
		}
		if status, _ := e.API(t, jonasToken, http.MethodPost, messages, map[string]any{"body": "Hier Jonas."}); status != http.StatusCreated {
			t.Errorf("org member writes: %d", status)
		}
		for _, path := range []string{messages, "/api/v1/conversations/nope/messages"} {
			if status, _ := e.API(t, strangerToken, http.MethodGet, path, nil); status != http.StatusNotFound {
				t.Errorf("stranger reads %s: %d", path, status)
			}
			if status, _ := e.API(t, strangerToken, http.MethodPost, path, map[string]any{"body": "Ich auch"}); status != http.StatusNotFound {
				t.Errorf("stranger writes %s: %d", path, status)
			}
		}
		if status, _ := e.API(t, "", http.MethodPost, messages, map[string]any{"body": "Anonym"}); status != http.StatusUnauthorized {
			t.Errorf("anonymous writes: %d", status)
		}

		// Paging back, and the limit.
		for i := 1; i <= 30; i++ {
			if status, got := e.API(t, annaToken, http.MethodPost, messages, map[string]any{"body": fmt.Sprintf("Nachricht %d", i)}); status != http.StatusCreated {
				t.Fatalf("message %d: %d %v", i, status, got)
			}
		}
		if status, _ := e.API(t, annaToken, http.MethodPost, messages, map[string]any{"body": "zu viel"}); status != http.StatusTooManyRequests {
			t.Errorf("31st message of anna: %d", status)
		}
		for i := 0; i < 25; i++ {
			e.post(t, convID, ben, fmt.Sprintf("Antwort %d", i))
		}
		_, got = e.API(t, annaToken, http.MethodGet, messages, nil)
		msgs = got["messages"].([]any)
		if len(msgs) != 30 || msgs[29].(map[string]any)["body"] != "Antwort 24" || got["older"] != msgs[0].(map[string]any)["seq"] {
			t.Fatalf("newest page: %d messages, older %v", len(msgs), got["older"])
		}
		_, got = e.API(t, annaToken, http.MethodGet, fmt.Sprintf("%s?before=%v", messages, got["older"]), nil)
		msgs = got["messages"].([]any)
		if len(msgs) != 28 || msgs[0].(map[string]any)["body"] != "Hallo Ben" || got["older"] != nil {
			t.Errorf("older page: %d messages, older %v", len(msgs), got["older"])
		}
	})
}
