"""The municipality administrator's own pages under /administrasjon/: people
and roles, the municipality's settings and its topics. Django's admin stays
for whoever runs the installation."""
