"""A WordPress-compatible REST API at /wp-json/ (wp/v2), built on Django Ninja.

Tools written for WordPress (apps, headless front ends, publishing scripts) work against a
Broadsheet site unchanged: the same routes, shapes, parameters, headers and error codes.
Every read goes through the one visibility rule, every write through the apps' actions.
"""
