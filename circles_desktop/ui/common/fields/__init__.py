"""The shared field widgets that take typed input the way coordinators type it: a date, a time, and the
guard that keeps the mouse wheel from changing a field it merely passes over."""
