package main

import "teilhabe.org/teilhabe/internal/apperr"

func fieldErrors(err error) map[string]string { return apperr.As(err).Fields }
