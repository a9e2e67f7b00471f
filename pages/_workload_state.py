"""Session-state keys of the workload screens (allocation, dashboard, officer profile)."""

REALLOCATION_PLAN = "hearth_workload_reallocation_plan"  # the proposal a manager is reviewing
PROFILE_OFFICER = "hearth_workload_profile_officer"  # whose profile a senior/manager has open
