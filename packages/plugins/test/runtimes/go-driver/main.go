// A small driver written for this project's tests: it runs one verb of a network list
// through Go libcni (Debian's 1.1.2 sources, built in GOPATH mode) so that the tests can
// check our plugins under the Go runtime library. It is not upstream's cnitool.
//
// Usage: driver VERB CONFLIST CACHEDIR CONTAINERID NETNS IFNAME
//
// VERB is add, check, del, cached (the result libcni cached at ADD) or validate (every plugin
// exists and supports the list's version; also prints each plugin's VERSION). Plugins are
// looked up in $CNI_PATH (colon separated). One JSON object is printed on stdout; the exit
// status is 0 on success and 1 when libcni returned an error, which the object then carries
// as "error" (a plugin's CNI error, code/msg/details) plus "message" (libcni's whole text).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/containernetworking/cni/libcni"
	"github.com/containernetworking/cni/pkg/types"
	current "github.com/containernetworking/cni/pkg/types/100"
)

type output struct {
	// The version of the result Go parsed (what libcni hands a runtime).
	ResultVersion string `json:"resultVersion,omitempty"`
	// The result as Go re-encodes it from its own types.
	Result types.Result `json:"result,omitempty"`
	// The result converted by Go to the current (1.0.0) types.
	Current *current.Result `json:"current,omitempty"`
	// The capabilities the list's plugins declare, sorted (validate).
	Capabilities []string `json:"capabilities,omitempty"`
	// The spec versions each plugin type reports (validate).
	Versions map[string][]string `json:"versions,omitempty"`
	// The cache file libcni keeps for this attachment, when it exists.
	CacheFile string       `json:"cacheFile,omitempty"`
	Error     *types.Error `json:"error,omitempty"`
	Message   string       `json:"message,omitempty"`
}

func main() {
	if len(os.Args) != 7 {
		fmt.Fprintln(os.Stderr, "usage: driver VERB CONFLIST CACHEDIR CONTAINERID NETNS IFNAME")
		os.Exit(2)
	}
	verb, confPath, cacheDir := os.Args[1], os.Args[2], os.Args[3]
	rt := &libcni.RuntimeConf{ContainerID: os.Args[4], NetNS: os.Args[5], IfName: os.Args[6]}

	list, err := libcni.ConfListFromFile(confPath)
	if err != nil {
		finish(output{}, err)
	}
	cni := libcni.NewCNIConfigWithCacheDir(filepath.SplitList(os.Getenv("CNI_PATH")), cacheDir, nil)
	ctx := context.Background()

	var out output
	switch verb {
	case "add":
		out.Result, err = cni.AddNetworkList(ctx, list, rt)
	case "check":
		err = cni.CheckNetworkList(ctx, list, rt)
	case "del":
		err = cni.DelNetworkList(ctx, list, rt)
	case "cached":
		out.Result, err = cni.GetNetworkListCachedResult(list, rt)
	case "validate":
		out.Capabilities, err = cni.ValidateNetworkList(ctx, list)
		sort.Strings(out.Capabilities)
		if err == nil {
			out.Versions, err = pluginVersions(ctx, cni, list)
		}
	default:
		err = fmt.Errorf("unknown verb %q", verb)
	}
	if err == nil && out.Result != nil {
		out.ResultVersion = out.Result.Version()
		out.Current, err = current.GetResult(out.Result)
	}
	file := filepath.Join(cacheDir, "results", list.Name+"-"+rt.ContainerID+"-"+rt.IfName)
	if _, statErr := os.Stat(file); statErr == nil {
		out.CacheFile = file
	}
	finish(out, err)
}

func pluginVersions(ctx context.Context, cni *libcni.CNIConfig, list *libcni.NetworkConfigList) (map[string][]string, error) {
	versions := map[string][]string{}
	for _, plugin := range list.Plugins {
		info, err := cni.GetVersionInfo(ctx, plugin.Network.Type)
		if err != nil {
			return nil, err
		}
		versions[plugin.Network.Type] = info.SupportedVersions()
	}
	return versions, nil
}

func finish(out output, err error) {
	status := 0
	if err != nil {
		status = 1
		out.Message = err.Error()
		var cniErr *types.Error
		if errors.As(err, &cniErr) {
			out.Error = cniErr
		}
	}
	encoded, marshalErr := json.Marshal(out)
	if marshalErr != nil {
		fmt.Fprintln(os.Stderr, marshalErr)
		os.Exit(2)
	}
	fmt.Println(string(encoded))
	os.Exit(status)
}
