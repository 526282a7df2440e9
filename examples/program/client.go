package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"

	"github.com/peersupport/peersupport/httpapi"
)

// client calls the API in process, as the signed-in person: every page
// of the app is a client of package httpapi, so the app gets exactly the
// access decisions, audit, validation and concurrency rules any other
// client of the API gets, and has none of its own to get wrong.
type client struct {
	api *httpapi.API
	// who is the signed-in person's key (the app's session cookie).
	who string
}

// apiError is a problem the API answered, with its status.
type apiError struct {
	Status  int
	Problem httpapi.Problem
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.Status, e.Problem.Code, e.Problem.Detail)
}

// status is the status of an API error, 0 for other errors.
func status(err error) int {
	var e *apiError
	if errors.As(err, &e) {
		return e.Status
	}
	return 0
}

// call sends one request and decodes a JSON answer into out (nil: none);
// it returns the answer's ETag.
func (c *client) call(method, path string, body, out any, ifMatch string) (string, error) {
	var data []byte
	if body != nil {
		var err error
		if data, err = json.Marshal(body); err != nil {
			return "", err
		}
	}
	req, err := http.NewRequest(method, path, bytes.NewReader(data))
	if err != nil {
		return "", errNoSuchPage
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	req.AddCookie(&http.Cookie{Name: cookieName, Value: c.who})
	w := httptest.NewRecorder()
	c.api.ServeHTTP(w, req)
	if w.Code >= 400 {
		e := &apiError{Status: w.Code}
		_ = json.Unmarshal(w.Body.Bytes(), &e.Problem)
		return "", e
	}
	if out != nil {
		if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
			return "", fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return w.Header().Get("ETag"), nil
}

// get reads a resource.
func (c *client) get(path string, out any) (string, error) {
	return c.call(http.MethodGet, path, nil, out, "")
}

// all reads every page of a list.
func all[T any](c *client, path string) ([]T, error) {
	var out []T
	next := ""
	for {
		p := path
		if next != "" {
			sep := "?"
			if bytes.ContainsRune([]byte(path), '?') {
				sep = "&"
			}
			p += sep + "after=" + url.QueryEscape(next)
		}
		var page httpapi.Page[T]
		if _, err := c.get(p, &page); err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out, nil
		}
		next = page.Next
	}
}
