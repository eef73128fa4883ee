"""The newsroom's back office: the admin site and screens that span apps."""
