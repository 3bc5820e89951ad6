# crm-config: rules are added by the issue that builds this part.
