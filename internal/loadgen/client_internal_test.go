package loadgen

import (
	"errors"
	"io"
	"net"
	"net/url"
	"testing"
)

func TestTransportErrorsNameTheirCause(t *testing.T) {
	refused := &url.Error{Op: "Get", URL: "http://127.0.0.1:1/", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}}
	if got := errText(refused); got != "dial: connect: connection refused" {
		t.Errorf("refused: %q", got)
	}
	closed := &url.Error{Op: "Post", URL: "http://127.0.0.1:1/listings/new", Err: io.EOF}
	if got := errText(closed); got != "connection closed before the answer" {
		t.Errorf("closed: %q", got)
	}
}

func TestDialingLeavesNoLoopback(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:80", "127.9.9.9:8080", "[::1]:443"} {
		if err := loopbackOnly("tcp", addr, nil); err != nil {
			t.Errorf("%s refused: %v", addr, err)
		}
	}
	for _, addr := range []string{"192.0.2.1:80", "[2001:db8::1]:80", "0.0.0.0:80", "[::ffff:192.0.2.1]:80"} {
		if err := loopbackOnly("tcp", addr, nil); err == nil {
			t.Errorf("%s allowed", addr)
		}
	}
}
