// Package check holds the field checks that modules' rules share. Each adds
// the message id of a problem to apperr.Fields, so every form names the
// same mistake with the same words.
package check

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
)

// Limits of the values the checks accept; longer ones are refused whatever
// a form allows.
const (
	maxURLLen   = 300
	maxPhoneLen = 40
)

// Text adds "form.required" when a required value is empty and
// "form.too_long" when it has more than max characters (not bytes: Arabic
// and Persian take two bytes a letter).
func Text(f apperr.Fields, field, value string, max int, required bool) {
	switch {
	case value == "" && required:
		f.Add(field, "form.required")
	case utf8.RuneCountInString(value) > max:
		f.Add(field, "form.too_long")
	}
}

// URL adds "form.invalid_url" unless value is an absolute http or https
// address with a host name that has a dot and no user part.
func URL(f apperr.Fields, field, value string, required bool) {
	switch {
	case value == "":
		if required {
			f.Add(field, "form.required")
		}
	case !validURL(value):
		f.Add(field, "form.invalid_url")
	}
}

// Phone adds "form.invalid_phone" unless value has only digits, spaces,
// +, - and /, at least five digits, and a + only in front.
func Phone(f apperr.Fields, field, value string, required bool) {
	switch {
	case value == "":
		if required {
			f.Add(field, "form.required")
		}
	case !validPhone(value):
		f.Add(field, "form.invalid_phone")
	}
}

// Postcode adds "form.invalid_postcode" unless value is a German postcode.
func Postcode(f apperr.Fields, field, value string, required bool) {
	switch {
	case value == "":
		if required {
			f.Add(field, "form.required")
		}
	case !ValidPostcode(value):
		f.Add(field, "form.invalid_postcode")
	}
}

// ValidPostcode reports whether s is a German postcode: five digits.
func ValidPostcode(s string) bool {
	if len(s) != 5 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func validURL(s string) bool {
	if len(s) > maxURLLen || strings.ContainsAny(s, " \t\n\"<>") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && u.User == nil &&
		strings.Contains(u.Hostname(), ".")
}

func validPhone(s string) bool {
	if len(s) > maxPhoneLen {
		return false
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '/':
		default:
			return false
		}
	}
	return digits >= 5
}
