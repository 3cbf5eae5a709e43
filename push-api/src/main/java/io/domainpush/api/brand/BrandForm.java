package io.domainpush.api.brand;

/** The form for a new brand: its name (its settings are set through the API). */
public class BrandForm {

	private String name = "";

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name == null ? "" : name;
	}

}
