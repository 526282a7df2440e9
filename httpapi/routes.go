package httpapi

import (
	"net/http"
	"reflect"
)

// route is one operation: how it is routed, what it takes and gives, and
// what the OpenAPI document says of it. The handler and the document are
// both made from this table.
type route struct {
	Method, Path string
	// ID is the operationId; Tag groups operations.
	ID, Tag, Summary string
	// Body is the request body's type, nil for none.
	Body reflect.Type
	// Out is the response's type (a page's item type when List).
	Out  reflect.Type
	List bool
	// Status is the status of success.
	Status int
	// IfMatch says the operation changes a record and needs If-Match.
	IfMatch bool
	// Query are the query parameters besides after and limit.
	Query []param
	// Raw is the media type of a body the route streams itself.
	Raw string
	run func(*request) (response, error)
}

// param is a query parameter.
type param struct {
	Name, Type, Description string
}

// typeOf is reflect.TypeFor, for the route table.
func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// routes are every operation of the API, in the order the document lists
// them.
var routes []route

func init() {
	routes = append(routes, peerRoutes()...)
	routes = append(routes, specialistRoutes()...)
	routes = append(routes, assignmentRoutes()...)
	routes = append(routes, sessionRoutes()...)
	routes = append(routes, planRoutes()...)
	routes = append(routes, consentRoutes()...)
	routes = append(routes, reportRoutes()...)
}

// get, post and put make routes.
func get(path, id, tag, summary string, out reflect.Type, run func(*request) (response, error)) route {
	return route{Method: http.MethodGet, Path: path, ID: id, Tag: tag, Summary: summary, Out: out, Status: http.StatusOK, run: run}
}

func list(path, id, tag, summary string, out reflect.Type, run func(*request) (response, error), query ...param) route {
	return route{Method: http.MethodGet, Path: path, ID: id, Tag: tag, Summary: summary, Out: out, List: true, Status: http.StatusOK,
		Query: query, run: run}
}

func post(path, id, tag, summary string, body, out reflect.Type, status int, ifMatch bool, run func(*request) (response, error)) route {
	return route{Method: http.MethodPost, Path: path, ID: id, Tag: tag, Summary: summary, Body: body, Out: out, Status: status,
		IfMatch: ifMatch, run: run}
}

func put(path, id, tag, summary string, body, out reflect.Type, run func(*request) (response, error)) route {
	return route{Method: http.MethodPut, Path: path, ID: id, Tag: tag, Summary: summary, Body: body, Out: out, Status: http.StatusOK,
		IfMatch: true, run: run}
}
