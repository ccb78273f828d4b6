def test_dashboard_after_login(member_client):
    response = member_client.get("/")
    assert response.status_code == 200
    assert "Alice Andersen" in response.get_data(as_text=True)
