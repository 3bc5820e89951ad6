# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: wsctl status: roles, links, switch, watchdog and fencing, as text or JSON.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

# pcmk_resource_nodes: where a resource runs in a role, from crm_mon's XML.
pcmk_resource_nodes() {          # RESOURCE-ID ROLE: nodes, one a line
	crm_mon -1 --output-as=xml 2>/dev/null | awk -v id="$1" -v role="$2" '
	/<resource / { inres = (index($0, "id=\"" id "\"") && index($0, "role=\"" role "\"")) }
	inres && /<node / { if (match($0, /name="[^"]*"/)) print substr($0, RSTART + 6, RLENGTH - 7) }
	/<\/resource>|\/>$/ && !/<node / { if (!/<resource /) inres = 0 }'
}

st_links_text() {
	case $ws_stack in
	heartbeat)
		for n in $cl_node1 $cl_node2; do
			[ "$n" != "$(local_node)" ] || continue
			for l in $(cl_status listhblinks "$n" 2>/dev/null); do
				printf '%s %s %s\n' "$n" "$l" "$(cl_status hblinkstatus "$n" "$l" 2>/dev/null || echo unknown)"
			done
		done ;;
	pacemaker)
		# activate numbers the nodes 1 (node1) and 2 (node2), links by --link order.
		corosync-cfgtool -s 2>/dev/null | awk -v n1="$cl_node1" -v n2="$cl_node2" -v links="$cl_links" '
		BEGIN { split(links, name, " ") }
		/^LINK ID/ { link = $3 }
		/nodeid:/ && link != "" { st = $0; sub(/^[^:]*:[^:]*:[[:space:]]*/, "", st)
			id = $0; sub(/^[[:space:]]*nodeid:[[:space:]]*/, "", id); sub(/[^0-9].*/, "", id)
			node = (id == 1) ? n1 : (id == 2) ? n2 : "node" id
			l = ((link + 1) in name) ? name[link + 1] : "link" link
			print node, l, st }' ;;
	esac
}

cmd_status() {
	st_json=0
	flag_opts status "--json:st_json" "$@"
	need_cluster
	st_running=no
	stack_running "$(local_node)" "$ws_stack" && st_running=yes
	st_nodes=
	for n in $cl_node1 $cl_node2; do
		r=$(node_role "$n")
		vips=
		for a in $(vip_addrs); do node_has_vip "$n" "$a" && vips="$vips $a"; done
		up=no
		stack_running "$n" "$ws_stack" && up=yes
		st_nodes="$st_nodes$n $r $up${vips:+ $vips}
"
	done
	st_promoted=
	if [ "$ws_stack" = pacemaker ] && [ "$st_running" = yes ]; then
		st_promoted=$(pcmk_resource_nodes gw Promoted | tr '\n' ' ')
		st_fence=$(pcmk_resource_nodes "fence-$cl_stonith" Started | tr '\n' ' ')
		st_fence="fence-$cl_stonith started on: ${st_fence:-none}"
	elif [ "$ws_stack" = heartbeat ]; then
		st_fence="berofos $cl_stonith: $(stonith_r1_status)"
	else
		st_fence="unknown (cluster not running here)"
	fi
	st_mode=$(fosctl_sw "$cl_switch" mode 2>/dev/null) || st_mode=unknown
	st_lines=$(mode_node "$st_mode")
	st_wd=$(fosctl_sw "$cl_switch" watchdog status 2>/dev/null | tr '\n' ' ') || st_wd=unknown
	st_links=$(st_links_text)
	# One line per l2 medium direction: the counters that tell a link's health.
	st_l2=$("$conf_l2ping" --stats 2>/dev/null | awk '
	# l2stats writes one dropped_REASON key per reason (receiver only): summed
	# here as dropped, beside kernel_drops, so a lossy link shows in one number.
	function flush() { if (name != "") print line (rx ? " dropped=" drops : "") }
	/^== / { flush(); name = $2; line = name; drops = 0; rx = 0; next }
	$1 == "link" || $1 == "carrier" || $1 == "frames" || $1 == "errors" || $1 == "kernel_drops" || $1 == "reopens" { line = line " " $1 "=" $2 }
	$1 ~ /^dropped_/ { drops += $2; rx = 1 }
	END { flush() }')
	if [ "$st_json" -eq 0 ]; then
		say "stack: $ws_stack (running here: $st_running)"
		say "primary: $cl_primary"
		printf '%s' "$st_nodes" | while read -r n r up vips; do
			say "node $n: role $r, stack running: $up, VIPs: ${vips:-none}"
		done
		[ -z "$st_promoted" ] || say "pacemaker: gw promoted on $st_promoted"
		say "lines: on $st_lines (switch $cl_switch: $st_mode)"
		say "watchdog: $st_wd"
		say "fencing: $st_fence"
		say "links:"
		printf '%s\n' "${st_links:-  (no link status: stack not running here)}" | sed 's/^/  /'
		[ -z "$st_l2" ] || { say "l2 counters:"; printf '%s\n' "$st_l2" | sed 's/^/  /'; }
		return 0
	fi
	printf '{"stack":%s,"running":%s,"primary":%s,"nodes":[' "$(json_str "$ws_stack")" \
		"$([ "$st_running" = yes ] && echo true || echo false)" "$(json_str "$cl_primary")"
	sep=
	printf '%s' "$st_nodes" | {
		while read -r n r up vips; do
			printf '%s{"name":%s,"role":%s,"stack_running":%s,"vips":[' "$sep" "$(json_str "$n")" \
				"$(json_str "$r")" "$([ "$up" = yes ] && echo true || echo false)"
			vsep=
			for a in $vips; do printf '%s%s' "$vsep" "$(json_str "$a")"; vsep=,; done
			printf ']}'
			sep=,
		done
	}
	printf '],"lines":%s,"switch":{"name":%s,"mode":%s,"watchdog":%s},' "$(json_str "$st_lines")" \
		"$(json_str "$cl_switch")" "$(json_str "$st_mode")" "$(json_str "$st_wd")"
	printf '"fencing":%s,"links":[' "$(json_str "$st_fence")"
	sep=
	printf '%s\n' "$st_links" | {
		while read -r ln; do
			[ -n "$ln" ] || continue
			printf '%s%s' "$sep" "$(json_str "$ln")"
			sep=,
		done
	}
	printf '],"l2_counters":%s}\n' "$(json_str "$st_l2")"
}

# The R1 fencing device's status through the stonith plugin (parameters as
# in ha.cf; the password stays in its file).
stonith_r1_status() {
	sr_line=$(sed -n 's/^stonith_host[[:space:]]*\*[[:space:]]*berofos[[:space:]]*//p' "$HA_CF" 2>/dev/null)
	[ -n "$sr_line" ] || { echo "not configured"; return; }
	# shellcheck disable=SC2086 # the ha.cf words
	set -- $sr_line
	if stonith -t berofos ipaddr="$1" hostmap="$2" login="$3" password_file="$4" timeout="$5" reset_wait="$6" -S >/dev/null 2>&1; then
		echo "ok"
	else
		echo "FAILED (stonith -S)"
	fi
}
