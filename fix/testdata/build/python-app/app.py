import flask
import itsdangerous

app = flask.Flask(__name__)
print("flask", flask.__name__, "itsdangerous", itsdangerous.__name__)
