# hbcomm-l2: rules are added by the issue that builds this part.
