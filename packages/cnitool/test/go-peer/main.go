// A cnitool for the tests, written for this project: the command line of upstream's
// cnitool (`add|check|del <network> <netns-path>`, NETCONFPATH, CNI_PATH, CNI_ARGS,
// CAP_ARGS, CNI_IFNAME) over Debian's Go libcni (golang-github-appc-cni-dev), so that our
// plugins and our cache can be exercised by Go's libcni as the runtime. Debian ships
// libcni's source but not cnitool's. Built by test/_go-peer.ts with GO111MODULE=off
// against /usr/share/gocode; the cache is libcni's default, /var/lib/cni.
package main

import (
	"context"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/containernetworking/cni/libcni"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

// cniArgs splits CNI_ARGS ("K=V;K2=V2") into the pairs libcni passes on.
func cniArgs() [][2]string {
	var pairs [][2]string
	text := os.Getenv("CNI_ARGS")
	if text == "" {
		return pairs
	}
	for _, pair := range strings.Split(text, ";") {
		key, value, found := strings.Cut(pair, "=")
		if !found || key == "" {
			fail("invalid CNI_ARGS pair %q", pair)
		}
		pairs = append(pairs, [2]string{key, value})
	}
	return pairs
}

// capabilityArgs decodes CAP_ARGS, a JSON object.
func capabilityArgs() map[string]interface{} {
	args := map[string]interface{}{}
	if text := os.Getenv("CAP_ARGS"); text != "" {
		if err := json.Unmarshal([]byte(text), &args); err != nil {
			fail("invalid CAP_ARGS: %v", err)
		}
	}
	return args
}

// containerID is "cnitool-" and the first 10 bytes of the SHA-512 of the netns path.
func containerID(netns string) string {
	sum := sha512.Sum512([]byte(netns))
	return "cnitool-" + hex.EncodeToString(sum[:10])
}

func main() {
	if len(os.Args) != 4 {
		fail("usage: %s add|check|del <network> <netns-path>", filepath.Base(os.Args[0]))
	}
	verb, network := os.Args[1], os.Args[2]
	netns, err := filepath.Abs(os.Args[3])
	if err != nil {
		fail("%v", err)
	}
	list, err := libcni.LoadConfList(envOr("NETCONFPATH", "/etc/cni/net.d"), network)
	if err != nil {
		fail("%v", err)
	}
	runtime := &libcni.RuntimeConf{
		ContainerID:    containerID(netns),
		NetNS:          netns,
		IfName:         envOr("CNI_IFNAME", "eth0"),
		Args:           cniArgs(),
		CapabilityArgs: capabilityArgs(),
	}
	cni := libcni.NewCNIConfig(filepath.SplitList(os.Getenv("CNI_PATH")), nil)
	ctx := context.Background()
	switch verb {
	case "add":
		result, err := cni.AddNetworkList(ctx, list, runtime)
		if err != nil {
			fail("%v", err)
		}
		if err := result.Print(); err != nil {
			fail("%v", err)
		}
	case "check":
		err = cni.CheckNetworkList(ctx, list, runtime)
	case "del":
		err = cni.DelNetworkList(ctx, list, runtime)
	default:
		fail("unknown command %q", verb)
	}
	if err != nil {
		fail("%v", err)
	}
}
