# Helpers shared by the bench scripts (sourced, not run).

tftpd_user=(); [[ $(id -u) -eq 0 ]] && tftpd_user=(-u root)

# Waits until every given UDP port on 127.0.0.1 has a listener: a cluster still starting would
# look silent to a gateway's first search.
wait_for_udp() {
  local port
  for _ in $(seq 1 100); do
    local listening; listening="$(ss -lunH | awk '{ print $4 }')"
    for port in "$@"; do
      grep -qx "127.0.0.1:$port" <<< "$listening" || continue 2
    done
    return 0
  done
  echo "bench: UDP ports $* not all listening" >&2
  return 1
}

# Starts a gateway on CONFIG, logging to LOG, and waits until its TFTP listener on PORT is up;
# sets $gateway to its process id (the JVM: ./proxytftp execs java).
start_gateway() {
  local config="$1" log="$2" port="$3"
  ./proxytftp serve --config "$config" > "$log" 2>&1 &
  gateway=$!
  for _ in $(seq 1 120); do grep -q "tftp://127.0.0.1:$port" "$log" && return 0; sleep 0.5; done
  echo "bench: the gateway on $config did not start; its log:" >&2
  tail -20 "$log" >&2
  return 1
}

# The value of KEY in a line of key=value pairs.
field() { tr ' ' '\n' <<< "$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }
