# man: the OCF agents' manual pages, rendered from their meta-data like
# resource-agents' own (ocf_heartbeat_IPaddr2(7) ...): ocf_warmstandby_AGENT(7)
# for every agent ocf/local.mk lists in OCF_AGENTS (none before ocf/ lands).
# The other parts' pages are roff files listed in their own local.mk.
# Needs xsltproc, and resource-agents' ocf-shellfuncs in /usr/lib/ocf
# (the agents source it even for meta-data).
OCF_MAN7 = $(OCF_AGENTS:ocf/%=man/ocf_warmstandby_%.7)
man7_MANS = $(OCF_MAN7)
CLEANFILES += $(OCF_MAN7)
EXTRA_DIST += man/ocf-ra2man.xsl
man/ocf_warmstandby_%.7: ocf/% man/ocf-ra2man.xsl
	$(AM_V_GEN)$(MKDIR_P) man && \
	OCF_ROOT=/usr/lib/ocf $(srcdir)/ocf/$* meta-data >$@.xml && \
	xsltproc --novalid --stringparam provider warmstandby \
		$(srcdir)/man/ocf-ra2man.xsl $@.xml >$@.tmp && \
	rm -f $@.xml && mv $@.tmp $@
# wsctl(8), hand-written like the other parts' pages (crm-config/).
dist_man_MANS += man/wsctl.8
